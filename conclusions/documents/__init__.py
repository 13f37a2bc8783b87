"""The document engine of the conclusion notice: one small generator class per format.

- content.notice_content(notice): read the notice once, shaped for every writer (no ORM beyond this point).
- pdf.NoticePdf(content).render() -> bytes: WeasyPrint, print CSS, bundled fonts, parallel parts, page numbers.
- docx.NoticeDocx(content).render() -> bytes: editable Word file with the same structure.
- xlsx.AppendixXlsx(content).render() -> bytes: the appendix as a spreadsheet.
`render_notice(notice, fmt)` picks the writer and names the file.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

# WeasyPrint logs every stylesheet and page it handles at INFO (some at import): noise in a server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

FORMATS = ("pdf", "docx", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class RenderedFile:
    data: bytes
    fmt: str
    filename: str
    pages: int = 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.fmt]


def file_name(notice, fmt: str) -> str:
    """'thong-bao-12-TB-UBND-lang-son-2023.pdf'; a draft: 'du-thao-thong-bao-lang-son-2023-r1.pdf'."""
    slug = notice.conference.slug
    if notice.number:
        symbol = notice.symbol.replace("/", "-")
        return f"thong-bao-{notice.number}-{symbol}-{slug}.{fmt}"
    return f"du-thao-thong-bao-{slug}-r{notice.revision}.{fmt}"


def render_notice(
    notice, fmt: str = "pdf", *, content=None, progress: Callable[[int, int], None] | None = None, workers=None
) -> RenderedFile:
    from .content import notice_content

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    content = content or notice_content(notice)
    if fmt == "pdf":
        from .pdf import NoticePdf

        writer = NoticePdf(content, progress=progress, workers=workers)
        data = writer.render()
        return RenderedFile(data, fmt, file_name(notice, fmt), pages=writer.page_count)
    if fmt == "docx":
        from .docx import NoticeDocx

        data = NoticeDocx(content).render()
    else:
        from .xlsx import AppendixXlsx

        data = AppendixXlsx(content).render()
    if progress:
        progress(1, 1)
    return RenderedFile(data, fmt, file_name(notice, fmt))
