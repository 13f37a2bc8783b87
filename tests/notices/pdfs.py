"""Reading rendered PDFs in tests: text, words with positions, fonts, page numbers, attachments."""

import io
import re

import pdfplumber
from pypdf import PdfReader

MM = 72 / 25.4


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _without_watermark(page):
    """The draft watermark is 80 pt text across the page: leave it out of the text of the document."""
    return page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("size", 0) < 40)


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_without_watermark(page).extract_text() or "" for page in pdf.pages]


def all_text(data: bytes) -> str:
    return normalise(" ".join(page_texts(data)))


def words(data: bytes, page: int) -> list[dict]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return _without_watermark(pdf.pages[page]).extract_words(keep_blank_chars=False, use_text_flow=True)


def top_margin_number(data: bytes, page: int) -> str | None:
    """The text in the top margin (above 20 mm) of a page, or None."""
    found = [w for w in words(data, page) if w["bottom"] < 20 * MM]
    return " ".join(w["text"] for w in found) or None


def font_names(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def embedded_files_and_annotations(data: bytes) -> tuple[bool, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    has_files = "/EmbeddedFiles" in root.get("/Names", {}) if "/Names" in root else False
    subtypes = []
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            subtypes.append(str(annot.get_object().get("/Subtype")))
    return has_files, subtypes


def column_text(data: bytes, pages: range, x0_mm: float, x1_mm: float) -> str:
    """The text between two x positions (a table column) over several pages, top to bottom."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index in pages:
            page = _without_watermark(pdf.pages[index])
            out.append(page.crop((x0_mm * MM, 20 * MM, x1_mm * MM, page.height - 19 * MM)).extract_text() or "")
    return normalise(" ".join(out))


def lines(data: bytes, page: int, *, x0_mm: float = 0, x1_mm: float = 297) -> list[dict]:
    """The text lines of a page (below the top margin) between two x positions, top to bottom: their text, top,
    bottom and whether every letter of them is bold."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page_ = _without_watermark(pdf.pages[page])
        chars = [c for c in page_.chars if c["top"] > 20 * MM and x0_mm * MM <= c["x0"] and c["x1"] <= x1_mm * MM + 1]
    rows: dict[float, list[dict]] = {}
    for char in sorted(chars, key=lambda c: (round(c["bottom"]), c["x0"])):
        key = next((k for k in rows if abs(k - char["bottom"]) < 2.5), char["bottom"])
        rows.setdefault(key, []).append(char)
    out = []
    for key in sorted(rows):
        row = sorted(rows[key], key=lambda c: c["x0"])
        text, last = "", None
        for char in row:
            if last is not None and char["x0"] - last > 1.2:
                text += " "
            text += char["text"]
            last = char["x1"]
        letters = [c for c in row if c["text"].strip()]
        out.append(
            {
                "text": normalise(text),
                "x0": row[0]["x0"],
                "top": min(c["top"] for c in row),
                "bottom": key,
                "bold": bool(letters) and all("Bold" in c["fontname"] for c in letters),
                "italic": bool(letters) and all("Italic" in c["fontname"] for c in letters),
            }
        )
    return out


def horizontal_rules(data: bytes, page: int) -> list[float]:
    """Tops (pt) of the horizontal lines drawn on a page (table rules)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sorted(edge["top"] for edge in pdf.pages[page].horizontal_edges)


# -- archival form (PDF/A) and tags ---------------------------------------------------------------------------------
TEXT_OPERATORS = {b"Tj", b"TJ", b"'", b'"'}


def archival_facts(data: bytes) -> dict:
    """What a PDF/A-2b validator and a screen reader look at first: header, identification in the XMP, output
    intent, file identifier, embedded fonts, /MarkInfo, the structure tree, the language and the title."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object()
    intents = [intent.get_object() for intent in root.get("/OutputIntents", [])]
    fonts_embedded = []
    for page in reader.pages:
        for ref in page.get("/Resources", {}).get("/Font", {}).values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts_embedded.append(any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")))
    tree = root.get("/StructTreeRoot")
    document = tree.get_object()["/K"].get_object() if tree is not None else None
    return {
        "header": reader.pdf_header,
        "xmp": xmp.get_data().decode(),
        "xmp_filtered": "/Filter" in xmp,
        "intents": intents,
        "file_id": reader.trailer.get("/ID"),
        "fonts_embedded": fonts_embedded,
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked")),
        "document": document,
        "lang": root.get("/Lang"),
        "title": (reader.metadata or {}).get("/Title"),
        "producer": (reader.metadata or {}).get("/Producer"),
        "display_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
    }


def untagged_text(data: bytes) -> list[tuple[int, str]]:
    """(page, operator) of every text drawn outside both marked content with an MCID and an artifact; and of every
    MCID the structure tree does not point back to through the page's parent tree entry."""
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(data))
    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    nums = list(tree["/ParentTree"].get_object()["/Nums"])
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    problems = []
    for number, page in enumerate(reader.pages):
        mapped = parents.get(int(page.get("/StructParents", -1)), [])
        stack: list[object] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"BDC":
                stack.append(operands[1].get("/MCID") if operands[0] != "/Artifact" else "artifact")
                if isinstance(stack[-1], int) and not (stack[-1] < len(mapped) and mapped[stack[-1]]):
                    problems.append((number, f"MCID {stack[-1]} not in the structure"))
            elif operator == b"BMC":
                stack.append("artifact" if operands[0] == "/Artifact" else None)
            elif operator == b"EMC":
                stack.pop()
            elif operator in TEXT_OPERATORS and not any(mark is not None for mark in stack):
                problems.append((number, operator.decode()))
    return problems


def grey_pixels(data: bytes, page: int) -> int:
    """How many pixels of a page (rendered at 40 dpi) are light grey, neither white nor text-dark: the watermark."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        image = pdf.pages[page].to_image(resolution=40).original.convert("L")
    return sum(image.histogram()[195:236])
