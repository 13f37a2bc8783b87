"""The issued PDF as an archival, accessible document: PDF/A-2b, tagged, in Vietnamese, with its title.

The notice is laid out as several documents (the notice, the appendix in parts, in parallel) and the yearly report as
one; each is laid out by WeasyPrint with tags (`LAYOUT_OPTIONS`): marked content in the page streams and a structure
tree per document. `ArchivalPdf` joins them and writes what belongs to the whole file once:
- the structure: one Document element whose children are the documents joined (one Part each), their elements
  cloned with the pages they point to, the parent tree renumbered page by page, /MarkInfo Marked true;
- the language (/Lang vi), the title shown in the viewer's title bar (DisplayDocTitle) and the document information;
- PDF/A-2b: the sRGB output intent (the profile WeasyPrint ships), XMP metadata matching the document information
  with pdfaid part 2 conformance B, a file identifier, PDF 1.7. Fonts are embedded by WeasyPrint (subsets).
Anything drawn on the joined pages afterwards (page numbers) is marked as an artifact by its writer.

The joining is done by qpdf (pikepdf): a tagged 300-row notice has tens of thousands of structure elements, which
qpdf copies in a fraction of a second where a pure-Python copy took many seconds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib.resources import files
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

CREATOR = "Cổng đối thoại với thanh niên"
PRODUCER = "Cổng đối thoại với thanh niên (WeasyPrint, qpdf)"
PDFA_PART, PDFA_CONFORMANCE = 2, "B"
# How every document that ends up in an issued PDF is laid out: tagged (marked content and a structure tree).
LAYOUT_OPTIONS = {"pdf_tags": True, "pdf_version": "1.7"}
SRGB_NAME = "sRGB IEC61966-2.1"
PRINT_FLAG = 4  # annotation flag "Print": PDF/A wants every annotation printable


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str = ""
    lang: str = "vi"


def _items(value) -> list:
    return list(value) if isinstance(value, Array) else [value]


def _srgb_profile() -> bytes:
    return (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()


def xmp(info: DocumentInfo) -> bytes:
    """XMP metadata: PDF/A identification and the same title, author, subject and tools as the document
    information dictionary (PDF/A wants the two to agree)."""
    title, author, subject = (escape(v) for v in (info.title, info.author, info.subject))
    description = (
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>'
        if info.subject
        else ""
    )
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>{PDFA_PART}</pdfaid:part><pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>{description}
<dc:language><rdf:Bag><rdf:li>{escape(info.lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{escape(CREATOR)}</xmp:CreatorTool>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return text.encode()


class ArchivalPdf:
    """`archive = ArchivalPdf(info); pages = archive.add(part_bytes) ...; data = archive.write()`.

    `add` appends the pages of one tagged document and grafts its structure tree; the pages it returns belong to
    the joined file (`archive.pdf`; draw on them, e.g. page numbers, as artifacts)."""

    def __init__(self, info: DocumentInfo):
        self.info = info
        self.pdf = Pdf.new()
        self.sources: list[Pdf] = []  # qpdf reads copied streams from them when writing: kept open until then
        self.parts: list = []  # the Part element of each document joined
        self.parent_tree: list[tuple[int, object]] = []  # (page index in the file, its marked content's elements)
        self.annotations: list[tuple[Dictionary, object]] = []  # (annotation, its element)

    @property
    def page_count(self) -> int:
        return len(self.pdf.pages)

    def add(self, data: bytes) -> list[pikepdf.Page]:
        source = Pdf.open(io.BytesIO(data))
        self.sources.append(source)
        offset = len(self.pdf.pages)
        keys = [page.obj.get("/StructParents") for page in source.pages]
        self.pdf.pages.extend(source.pages)
        pages = list(self.pdf.pages)[offset:]
        self._graft(source, offset, pages, keys)
        return pages

    def _graft(self, source: Pdf, offset: int, pages: list[pikepdf.Page], keys: list) -> None:
        """Copy the document's structure elements after its pages, so that their /Pg point to the joined pages."""
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            return  # an untagged document: its content stays out of the structure (never the case for ours)
        for top in _items(tree.get("/K", Array())):
            if "/P" in top:
                del top.P  # (in the source only) so that copying stops here, not at the document's own root
            top.S = Name.Part
            self.parts.append(self.pdf.copy_foreign(top))
        nums = list(tree.ParentTree.get("/Nums", Array())) if "/ParentTree" in tree else []
        values = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
        for index, (key, page) in enumerate(zip(keys, pages, strict=True)):
            if key is not None and int(key) in values:
                self.parent_tree.append((offset + index, self._copy(source, values.pop(int(key)))))
                page.obj.StructParents = offset + index
            for annotation in _items(page.obj.get("/Annots", Array())):
                annotation.F = PRINT_FLAG
                key = annotation.get("/StructParent")
                if key is not None and int(key) in values:
                    self.annotations.append((annotation, self._copy(source, values.pop(int(key)))))

    def _copy(self, source: Pdf, value):
        if not value.is_indirect:
            value = source.make_indirect(value)
        return self.pdf.copy_foreign(value)

    def _structure(self):
        pdf = self.pdf
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array(self.parts), Lang=String(self.info.lang))
        )
        for part in self.parts:
            part.P = document
        entries = list(self.parent_tree)
        first_free = len(pdf.pages)
        for offset, (annotation, value) in enumerate(self.annotations):
            annotation.StructParent = first_free + offset
            entries.append((first_free + offset, value))
        nums = Array()
        for key, value in sorted(entries, key=lambda entry: entry[0]):
            nums.append(key)
            nums.append(value)
        root.K = document
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = first_free + len(self.annotations)
        return root

    def _output_intent(self) -> Dictionary:
        profile = self.pdf.make_stream(_srgb_profile())
        profile.N = 3
        return Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFA1,
            OutputConditionIdentifier=String(SRGB_NAME),
            Info=String(SRGB_NAME),
            DestOutputProfile=profile,
        )

    def write(self) -> bytes:
        pdf, info = self.pdf, self.info
        catalog = pdf.Root
        catalog.StructTreeRoot = self._structure()
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.Lang = String(info.lang)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        catalog.OutputIntents = Array([self._output_intent()])
        # Not compressed: any archive tool can read it as it is.
        metadata = pdf.make_stream(xmp(info), Type=Name.Metadata, Subtype=Name.XML)
        catalog.Metadata = metadata
        document_info = Dictionary(
            Title=String(info.title), Author=String(info.author), Creator=String(CREATOR), Producer=String(PRODUCER)
        )
        if info.subject:
            document_info.Subject = String(info.subject)
        pdf.trailer.Info = pdf.make_indirect(document_info)
        out = io.BytesIO()
        pdf.save(
            out,
            force_version="1.7",
            fix_metadata_version=False,
            deterministic_id=True,  # the same documents and metadata give the same identifier (and the same file)
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
        )
        for source in self.sources:
            source.close()
        return out.getvalue()
