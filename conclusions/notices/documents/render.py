"""One entry point for the notice's files: pick the writer for the format, name the file, hash it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from .content import notice_content
from .docx import NoticeDocx
from .formats import CONTENT_TYPES, FORMATS
from .pdf import NoticePdf
from .xlsx import AppendixXlsx


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
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    content = content or notice_content(notice)
    if fmt == "pdf":
        writer = NoticePdf(content, progress=progress, workers=workers)
        data = writer.render()
        return RenderedFile(data, fmt, file_name(notice, fmt), pages=writer.page_count)
    data = NoticeDocx(content).render() if fmt == "docx" else AppendixXlsx(content).render()
    if progress:
        progress(1, 1)
    return RenderedFile(data, fmt, file_name(notice, fmt))
