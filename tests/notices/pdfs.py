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
