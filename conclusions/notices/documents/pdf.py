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
        parts = [Part("notice", render_to_string(self.notice_template, self.context()), True)]
        for appendix, chunk in self.appendix_chunks():
            html = render_to_string(self.appendix_template, self.context(a=appendix, chunk=chunk))
            parts.append(Part("appendix", html, chunk.first))
        return parts

    def render(self) -> bytes:
        parts = self.parts()
        joiner = Joiner(self, parts)
        # Each document is joined as soon as those before it are: the joining overlaps the last layouts.
        render_all(
            [p.html for p in parts],
            workers=self.workers,
            memory_mb=settings.DOCUMENT_RENDER_MEMORY_MB,
            timeout=settings.DOCUMENT_RENDER_TIMEOUT,
            progress=self.progress,
            consume=joiner.add,
        )
        return joiner.finish()

    def info(self) -> DocumentInfo:
        c = self.content
        return DocumentInfo(
            title=c.pdf_title,
            author=c.author,
            subject="Thông báo kết luận hội nghị đối thoại với thanh niên",
        )

    def join(self, parts: list[Part], pdfs: list[bytes]) -> bytes:
        joiner = Joiner(self, parts)
        for index, pdf in enumerate(pdfs):
            joiner.add(index, pdf)
        return joiner.finish()


class Joiner:
    """Pages of every document in order (pages and their structure only: nothing else at document level, e.g.
    attachments, is copied), numbered as they come, then the metadata. `add(index, pdf)` in document order."""

    def __init__(self, writer: NoticePdf, parts: list[Part]):
        self.writer, self.parts = writer, parts
        self.archive = ArchivalPdf(writer.info())
        self.numberer = PageNumberer(self.archive.pdf)
        self.counter = 0
        self.next = 0

    def add(self, index: int, pdf: bytes) -> None:
        if index != self.next:
            raise ValueError(f"document {index} joined before document {self.next}")
        part = self.parts[index]
        self.next += 1
        if part.first_of_kind:
            self.counter = 0
        for added in self.archive.add(pdf):
            self.counter += 1
            if self.counter > 1:
                self.numberer.stamp(added, self.counter)
        if part.kind == "notice":
            self.writer.notice_pages = self.counter

    def finish(self) -> bytes:
        if self.next != len(self.parts):
            raise ValueError(f"{len(self.parts) - self.next} document(s) not joined")
        self.writer.page_count = self.archive.page_count
        return self.archive.write()
