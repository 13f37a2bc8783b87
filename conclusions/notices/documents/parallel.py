"""Lay out HTML documents to PDF, several at a time in worker processes when there is more than one.

WeasyPrint is pure Python and single-threaded: on a machine with N cores, N documents laid out in N processes finish
about N times sooner, and each process only ever holds one document's layout in memory. The workers are forked
from the caller with the HTML already rendered, so they need neither Django nor the database: they run WeasyPrint
with the bundled-asset fetcher and return bytes. Each worker gets an address-space limit, and every document a
time limit, so a pathological input fails the render instead of the machine.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import resource
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FuturesTimeout

from weasyprint import HTML

from . import speedups
from .archival import LAYOUT_OPTIONS
from .fetcher import BundledAssetFetcher

speedups.install()
speedups.compress_faster()

logger = logging.getLogger(__name__)


class RenderError(RuntimeError):
    """A document could not be laid out (time or memory limit, or a crash in a worker)."""


def html_to_pdf(html: str) -> bytes:
    """One HTML document to PDF bytes, tagged; only bundled assets can be fetched. Deterministic for the same HTML."""
    fetcher = BundledAssetFetcher()
    with speedups.collector_paused():
        pdf = HTML(string=html, url_fetcher=fetcher).write_pdf(
            pdf_identifier=hashlib.sha256(html.encode()).hexdigest()[:32].encode(), **LAYOUT_OPTIONS
        )
    if fetcher.refused:
        # Our templates ask only for bundled assets; anything else came from content and was not fetched.
        logger.warning("notice render refused %d URL(s): %s", len(fetcher.refused), fetcher.refused[:3])
    return pdf


def _vm_size() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_memory(extra_bytes: int) -> None:
    """Worker initializer: the worker may grow by extra_bytes beyond what it inherited, no more."""
    if extra_bytes <= 0:
        return
    limit = _vm_size() + extra_bytes
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - platform without RLIMIT_AS
        logger.warning("could not limit render worker memory")


def _render_indexed(item: tuple[int, str]) -> tuple[int, bytes]:
    index, html = item
    return index, html_to_pdf(html)


def can_fork_workers() -> bool:
    """Daemonic processes (e.g. a Celery prefork child) may not have children: render in-process there."""
    return not multiprocessing.current_process().daemon and "fork" in multiprocessing.get_all_start_methods()


def _stop(pool: ProcessPoolExecutor, futures) -> None:
    """Past the time limit: nothing more starts, and the workers still laying out are killed."""
    for future in futures:
        future.cancel()
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()


def render_all(
    htmls: Sequence[str],
    *,
    workers: int = 1,
    memory_mb: int = 0,
    timeout: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    consume: Callable[[int, bytes], None] | None = None,
) -> list[bytes]:
    """PDF bytes of every HTML document, in order. Parallel when workers > 1 and there is more than one.

    `consume(index, pdf)`, if given, is called in this process in document order as soon as a document and all those
    before it are laid out, while the workers go on with the others."""
    total = len(htmls)
    report = progress or (lambda done, total: None)
    take = consume or (lambda index, pdf: None)
    workers = max(1, min(workers, total))
    if workers == 1 or not can_fork_workers():
        out = []
        for done, html in enumerate(htmls, start=1):
            out.append(html_to_pdf(html))
            take(done - 1, out[-1])
            report(done, total)
        return out

    results: dict[int, bytes] = {}
    taken = 0
    # Objects that exist now are never freed by the workers: freezing them keeps their pages shared after fork.
    # (No collection first: it took 0.13 s of the critical path in a server process, for garbage that is collected
    # after unfreezing anyway.)
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_limit_memory,
            initargs=(memory_mb * 1024 * 1024,),
        ) as pool:
            # In document order: each is joined as soon as it and those before it are laid out, so the joining
            # overlaps the layouts instead of following the last one. (Heaviest first balanced the workers no better:
            # the parts are of similar size, and the last groups of an appendix are its small ones.)
            futures = [pool.submit(_render_indexed, (i, html)) for i, html in enumerate(htmls)]
            try:
                for future in as_completed(futures, timeout=timeout):
                    index, pdf = future.result()
                    results[index] = pdf
                    while taken in results:
                        take(taken, results[taken])
                        taken += 1
                    report(len(results), total)
            except FuturesTimeout as exc:
                _stop(pool, futures)
                raise RenderError("Quá thời gian cho phép khi tạo tệp PDF.") from exc
            except MemoryError as exc:
                raise RenderError("Vượt quá bộ nhớ cho phép khi tạo tệp PDF.") from exc
            except Exception as exc:  # BrokenProcessPool: a worker died (e.g. killed by the memory limit)
                raise RenderError(f"Tiến trình tạo PDF bị lỗi: {exc.__class__.__name__}") from exc
    finally:
        gc.unfreeze()
    return [results[i] for i in range(total)]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
