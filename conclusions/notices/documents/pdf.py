"""The notice as an official PDF: WeasyPrint lays out Django templates with print CSS; qpdf joins and numbers.

Documents laid out:
1. the notice (header, body, signature and "Nơi nhận"),
2. the appendix: one document, or for a large appendix one per issue group (a long group in parts), laid out in
   parallel worker processes.
The pages are joined in order into one tagged PDF/A file (archival.py) and numbered afterwards: the notice from its
page 2, the appendix with its own numbering from its page 2 (Decree 30/2020: page numbers in the top margin, none on
a first page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from .archival import ArchivalPdf, DocumentInfo
from .content import Appendix, AppendixChunk, NoticeContent
from .pagenumbers import PageNumberer
from .parallel import default_workers, render_all


@dataclass
class Part:
    kind: str  # "notice" | "appendix"
    html: str
    weight: int
    first_of_kind: bool


class NoticePdf:
    """`NoticePdf(content).render() -> bytes`. `progress(done, total)` is called as documents are laid out."""

    notice_template = "conclusions/documents/notice.html"
    appendix_template = "conclusions/documents/appendix.html"

    def __init__(
        self,
        content: NoticeContent,
        *,
        workers: int | None = None,
        chunk_rows: int | None = None,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.content = content
        configured = workers if workers is not None else settings.DOCUMENT_RENDER_WORKERS
        self.workers = configured or default_workers()
        self.chunk_rows = chunk_rows or settings.NOTICE_CHUNK_ROWS
        self.progress = progress
        self.page_count = 0
        self.notice_pages = 0

    def context(self, **extra) -> dict:
        return {"c": self.content, **extra}

    def appendix_chunks(self) -> list[tuple[Appendix, AppendixChunk]]:
        """Every appendix's documents in order (Phụ lục I, then II, ...); each appendix numbers its own pages."""
        return [(a, chunk) for a in self.content.appendices for chunk in a.chunks(max_rows=self.chunk_rows)]

    def parts(self) -> list[Part]:
        parts = [Part("notice", render_to_string(self.notice_template, self.context()), 5000, True)]
        for appendix, chunk in self.appendix_chunks():
            html = render_to_string(self.appendix_template, self.context(a=appendix, chunk=chunk))
            parts.append(Part("appendix", html, chunk.weight + 2000, chunk.first))
        return parts

    def render(self) -> bytes:
        parts = self.parts()
        pdfs = render_all(
            [p.html for p in parts],
            weights=[p.weight for p in parts],
            workers=self.workers,
            memory_mb=settings.DOCUMENT_RENDER_MEMORY_MB,
            timeout=settings.DOCUMENT_RENDER_TIMEOUT,
            progress=self.progress,
        )
        return self.join(parts, pdfs)

    def info(self) -> DocumentInfo:
        c = self.content
        return DocumentInfo(
            title=c.pdf_title,
            author=c.author,
            subject="Thông báo kết luận hội nghị đối thoại với thanh niên",
        )

    def join(self, parts: list[Part], pdfs: list[bytes]) -> bytes:
        """Pages of every document in order (pages and their structure only: nothing else at document level, e.g.
        attachments, is copied), then the page numbers, then the metadata."""
        archive = ArchivalPdf(self.info())
        numberer = PageNumberer(archive.pdf)
        counter = 0
        for part, pdf in zip(parts, pdfs, strict=True):
            if part.first_of_kind:
                counter = 0
            for added in archive.add(pdf):
                counter += 1
                if counter > 1:
                    numberer.stamp(added, counter)
            if part.kind == "notice":
                self.notice_pages = counter
        self.page_count = archive.page_count
        return archive.write()
