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
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from importlib.resources import files
from xml.sax.saxutils import escape

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

CREATOR = "Cổng đối thoại với thanh niên"
PRODUCER = "Cổng đối thoại với thanh niên (WeasyPrint, pypdf)"
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


def _name(value: str) -> NameObject:
    return NameObject(value)


def _refs(value) -> list:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return list(value) if isinstance(value, ArrayObject | list) else [value]


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
    """`pdf = ArchivalPdf(info); pages = pdf.add(part_bytes) ...; data = pdf.write()`.

    `add` appends the pages of one tagged document and grafts its structure tree; the pages it returns belong to
    the joined file (draw on them, e.g. page numbers, as artifacts)."""

    def __init__(self, info: DocumentInfo):
        self.info = info
        self.writer = PdfWriter()
        self.writer.pdf_header = b"%PDF-1.7"
        self.parts: list[IndirectObject] = []  # the Part element of each document joined
        self.parent_tree: list[tuple[int, object]] = []  # (page index in the file, its marked content's elements)
        self.annotations: list[tuple[DictionaryObject, object]] = []  # (annotation, its element)
        self.digest = hashlib.sha256()

    @property
    def pages(self) -> list[PageObject]:
        return list(self.writer.pages)

    def add(self, pdf: bytes) -> list[PageObject]:
        self.digest.update(hashlib.sha256(pdf).digest())
        reader = PdfReader(io.BytesIO(pdf))
        offset = len(self.writer.pages)
        pages = [self.writer.add_page(page) for page in reader.pages]
        self._graft(reader, offset, pages)
        return pages

    def _graft(self, reader: PdfReader, offset: int, pages: list[PageObject]) -> None:
        """Clone the document's structure elements next to its pages (their /Pg point to the joined pages)."""
        tree = reader.root_object.get("/StructTreeRoot")
        if tree is None:
            return  # an untagged document: its content stays out of the structure (never the case for ours)
        tree = tree.get_object()
        for top in _refs(tree.get("/K", ArrayObject())):
            element = top.get_object()
            if "/P" in element:
                del element["/P"]  # (in the reader only) so that cloning stops here, not at the part's own root
            element[_name("/S")] = _name("/Part")
            self.parts.append(element.clone(self.writer).indirect_reference)
        nums = list(tree["/ParentTree"].get_object().get("/Nums", ArrayObject())) if "/ParentTree" in tree else []
        values = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
        for index, (source, page) in enumerate(zip(reader.pages, pages, strict=True)):
            key = source.get("/StructParents")  # (pypdf does not copy it with the page)
            if key is not None and int(key) in values:
                self.parent_tree.append((offset + index, values.pop(int(key)).clone(self.writer)))
                page[_name("/StructParents")] = NumberObject(offset + index)
            for annotation in _refs(page.get("/Annots", ArrayObject())):
                annotation = annotation.get_object()
                annotation[_name("/F")] = NumberObject(PRINT_FLAG)
                key = annotation.get("/StructParent")
                if key is not None and int(key) in values:
                    self.annotations.append((annotation, values.pop(int(key)).clone(self.writer)))

    def _structure(self) -> IndirectObject:
        writer = self.writer
        root = writer._add_object(DictionaryObject({_name("/Type"): _name("/StructTreeRoot")}))
        document = writer._add_object(
            DictionaryObject(
                {
                    _name("/Type"): _name("/StructElem"),
                    _name("/S"): _name("/Document"),
                    _name("/P"): root,
                    _name("/K"): ArrayObject(self.parts),
                    _name("/Lang"): TextStringObject(self.info.lang),
                }
            )
        )
        for part in self.parts:
            part.get_object()[_name("/P")] = document
        nums = ArrayObject()
        entries = list(self.parent_tree)
        first_free = len(writer.pages)
        for offset, (annotation, value) in enumerate(self.annotations):
            annotation[_name("/StructParent")] = NumberObject(first_free + offset)
            entries.append((first_free + offset, value))
        for key, value in sorted(entries, key=lambda entry: entry[0]):
            nums += [NumberObject(key), value]
        root_object = root.get_object()
        root_object[_name("/K")] = document
        root_object[_name("/ParentTree")] = writer._add_object(DictionaryObject({_name("/Nums"): nums}))
        root_object[_name("/ParentTreeNextKey")] = NumberObject(first_free + len(self.annotations))
        return root

    def _output_intent(self) -> DictionaryObject:
        profile = DecodedStreamObject()
        profile.set_data(_srgb_profile())
        profile[_name("/N")] = NumberObject(3)
        return DictionaryObject(
            {
                _name("/Type"): _name("/OutputIntent"),
                _name("/S"): _name("/GTS_PDFA1"),
                _name("/OutputConditionIdentifier"): TextStringObject(SRGB_NAME),
                _name("/Info"): TextStringObject(SRGB_NAME),
                _name("/DestOutputProfile"): self.writer._add_object(profile.flate_encode()),
            }
        )

    def write(self) -> bytes:
        writer, info = self.writer, self.info
        catalog = writer.root_object
        catalog[_name("/StructTreeRoot")] = self._structure()
        catalog[_name("/MarkInfo")] = DictionaryObject({_name("/Marked"): BooleanObject(True)})
        catalog[_name("/Lang")] = TextStringObject(info.lang)
        catalog[_name("/ViewerPreferences")] = DictionaryObject({_name("/DisplayDocTitle"): BooleanObject(True)})
        catalog[_name("/OutputIntents")] = ArrayObject([self._output_intent()])
        metadata = DecodedStreamObject()  # not compressed: any archive tool can read it as it is
        metadata.set_data(xmp(info))
        metadata[_name("/Type")] = _name("/Metadata")
        metadata[_name("/Subtype")] = _name("/XML")
        catalog[_name("/Metadata")] = writer._add_object(metadata)
        document_info = {"/Title": info.title, "/Author": info.author, "/Creator": CREATOR, "/Producer": PRODUCER}
        if info.subject:
            document_info["/Subject"] = info.subject
        writer.add_metadata(document_info)
        # The same documents and metadata give the same file identifier (and the same file).
        self.digest.update(xmp(info))
        identifier = ByteStringObject(self.digest.digest()[:16])
        writer._ID = ArrayObject([identifier, identifier])
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
