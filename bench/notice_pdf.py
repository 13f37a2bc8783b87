"""Bench: the conclusion notice with 30, 300 and 1,000 appendix rows, rendered as production renders it.

    .venv/bin/python bench/notice_pdf.py                 # 30, 300, 1000 rows; LibreOffice too when soffice exists
    .venv/bin/python bench/notice_pdf.py --rows 300 --baseline --workers 1
    .venv/bin/python bench/notice_pdf.py --rows 300 --rows 1000 --repeat 3   # quietest of 3, alternating

On a shared machine the figures move with the other work: --repeat N runs ours and LibreOffice N times each,
alternating, and prints the quietest (lowest) time of each with the load average seen around the runs.

Rows are realistic: ~300-character questions, ~1,500-character answers in four paragraphs (some with starred
sub-answers), units as seed 003 writes them, eight issue groups of uneven size. Each measurement runs in a fresh
Python process; its seconds are wall time of the render (content already built: the database read is not part of
it) after a warm-up render of a 3-row notice in the same process (fonts, templates, Pango loaded once, as in a
running server or worker; the warm-up time is printed apart). Its CPU seconds (the process and its layout workers;
for LibreOffice, all its processes) hardly depend on what else runs on the machine, as wall time does. Its memory
is the peak, sampled every 200 ms, of the proportional set size (PSS) summed over the process and all its children:
pages shared after fork count once, so the figure is what the machine really spends (RSS would count them in every
worker). Sampling slows the process sampled, so the memory comes from one more run of each renderer, apart from
the timed ones.

--baseline also renders the whole notice as one WeasyPrint document in one process ("plain WeasyPrint").
With soffice on PATH, the same content is exported to DOCX by our own writer and converted to PDF by LibreOffice
in the same run (fresh profile, wall time of `soffice --convert-to pdf`), and the ratio is printed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")

VOCABULARY = (
    "thanh niên khởi nghiệp lập nghiệp hỗ trợ vốn vay chính sách huyện xã sản phẩm OCOP nông thôn mới đào tạo nghề "
    "việc làm chuyển đổi số quảng bá du lịch hợp tác xã kinh tế trang trại ngân hàng chính sách xã hội tín dụng "
    "ưu đãi doanh nghiệp thị trường tiêu thụ thương hiệu đoàn viên kỹ năng hướng nghiệp giải quyết đề nghị"
)
WORDS = VOCABULARY.split()
# Reading smaps_rollup walks the page tables under the process's memory-map lock: not too often.
SAMPLE_SECONDS = 0.2
GROUPS = [
    ("Giải pháp, cơ chế hỗ trợ vốn", 0.22),
    ("Đào tạo nghề, hướng nghiệp, giải quyết việc làm", 0.18),
    ("Khởi nghiệp, lập nghiệp, phát triển kinh tế", 0.15),
    ("Sản phẩm OCOP, tiêu thụ sản phẩm, xây dựng thương hiệu", 0.14),
    ("Xây dựng nông thôn mới", 0.10),
    ("Giáo dục, phát triển kỹ năng, đời sống văn hóa, tinh thần", 0.09),
    ("Chuyển đổi số, du lịch, quảng bá địa phương", 0.07),
    ("Tổ chức Đoàn, Hội; Đoàn tham gia xây dựng Đảng, chính quyền", 0.05),
]


def _text(rng: random.Random, length: int) -> str:
    words = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:]


def build_content(rows: int, seed: int = 7):
    """A NoticeContent shaped like seed 000 + seed 003, with `rows` appendix rows."""
    import django

    django.setup()
    from conclusions.notices.documents.content import (
        Appendix,
        AppendixGroup,
        AppendixRow,
        NoticeContent,
        Paragraph,
        Section,
    )
    from conclusions.notices.documents.text import Block, Span, archive_line

    rng = random.Random(seed)
    counts = [max(1, round(rows * share)) for _, share in GROUPS]
    counts[0] += rows - sum(counts)
    groups, number = [], 0
    for index, ((name, _), count) in enumerate(zip(GROUPS, counts, strict=True), start=1):
        group = AppendixGroup(label=str(index), name=name, rows=[])
        for _ in range(count):
            number += 1
            answer = []
            if rng.random() < 0.3:
                answer.append(Block("star", _text(rng, 90)))
            answer += [Block("p", _text(rng, 370) + ".") for _ in range(4)]
            group.rows.append(
                AppendixRow(
                    number=number,
                    petition_id=number,
                    question=[Block("p", _text(rng, 300) + "?")],
                    units=[f"Bí thư Đoàn xã {rng.choice(['Tân Minh', 'Đào Viên', 'Hùng Sơn', 'Chí Minh'])}"],
                    agencies=["Sở Lao động - Thương binh và Xã hội"],
                    answer=answer,
                )
            )
        groups.append(group)
    from conclusions.notices.documents.text import roman

    for i, group in enumerate(groups, start=1):
        group.label = roman(i)
    section_body = [Block("sub", "Trong khởi nghiệp, lập nghiệp", lead="1.1.")] + [
        Block("dash", _text(rng, 400) + ".") for _ in range(4)
    ]
    directives = [Block("p", _text(rng, 350) + ".", lead=f"2.{i}. Sở thử nghiệm {i}:") for i in range(1, 6)]
    return NoticeContent(
        notice_id=1,
        revision=1,
        is_draft=False,
        party=False,
        body_lines=["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"],
        number_line="Số: 12/TB-UBND",
        place_date="Lạng Sơn, ngày 05 tháng 4 năm 2023",
        doc_type="THÔNG BÁO",
        title_lines=["Kết luận của Chủ tịch UBND tỉnh tại Hội nghị đối thoại với thanh niên tỉnh Lạng Sơn năm 2023"],
        legal_bases=["Căn cứ Luật Thanh niên ngày 16/6/2020;", "Căn cứ Nghị định số 13/2021/NĐ-CP ngày 01/3/2021."],
        opening=[Paragraph([Span(_text(rng, 600) + ".")]) for _ in range(5)],
        sections=[
            Section("1.", "Đối với đội ngũ thanh niên tỉnh", section_body),
            Section("2.", "Đối với các sở, ban, ngành, cơ quan liên quan", directives),
        ],
        closing_line="Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
        recipients=["Bộ Nội vụ;", "Thường trực Tỉnh ủy;", "Thường trực HĐND tỉnh;", "Các sở, ban, ngành;"],
        archive=archive_line("NC(PVD)"),
        signature_lines=["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        signer_name="Phạm Hùng Trường",
        appendix=Appendix(
            title="TỔNG HỢP NỘI DUNG GIẢI ĐÁP CÁC Ý KIẾN, KIẾN NGHỊ, ĐỀ XUẤT CỦA THANH NIÊN",
            reference="(Kèm theo Thông báo số 12/TB-UBND ngày 05/4/2023 của UBND tỉnh Lạng Sơn)",
            show_agency=False,
            landscape=False,
            groups=groups,
            groups_on_new_page=rows > 60,
        ),
        pdf_title="Thông báo 12/TB-UBND",
        author="Ủy ban nhân dân tỉnh Lạng Sơn",
    )


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the layout workers, LibreOffice)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# -- one measurement, in its own process ---------------------------------------------------------------------------
def run_one(mode: str, rows: int, workers: int | None, out: str) -> dict:
    content = build_content(rows)
    from django.conf import settings

    warmup = 0.0
    if mode in ("ours", "baseline"):
        # A server process renders many notices: load fonts, templates and Pango once on a small notice first and
        # report that one-off cost apart ("first render in a new process").
        from conclusions.notices.documents.pdf import NoticePdf

        started = time.perf_counter()
        NoticePdf(build_content(3, seed=1), workers=1).render()
        warmup = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), _cpu()
    if mode == "ours":
        writer = NoticePdf(content, workers=workers)
        data = writer.render()
        pages = writer.page_count
    elif mode == "baseline":
        # Plain WeasyPrint: the notice and the whole appendix in one document, one process.
        from django.template.loader import render_to_string

        from conclusions.notices.documents.content import AppendixChunk
        from conclusions.notices.documents.parallel import html_to_pdf

        notice_html = render_to_string("conclusions/documents/notice.html", {"c": content})
        chunk = AppendixChunk(index=0, first=True, groups=content.appendix.groups)
        appendix_html = render_to_string(
            "conclusions/documents/appendix.html", {"c": content, "a": content.appendix, "chunk": chunk}
        )
        body = appendix_html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
        html = notice_html.replace("</body>", f'<div style="break-before: page">{body}</div></body>')
        data = html_to_pdf(html)
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(data)).pages)
    elif mode == "docx":
        from conclusions.notices.documents.docx import NoticeDocx

        data = NoticeDocx(content).render()
        pages = 0
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu_started
    Path(out).write_bytes(data)
    workers = workers or settings.DOCUMENT_RENDER_WORKERS
    return {"seconds": seconds, "cpu": cpu, "pages": pages, "warmup": warmup, "workers": workers}


# -- the driver: runs each measurement as a child and samples its memory -------------------------------------------
def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by n processes (e.g. after fork) counts 1/n in each."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    pids, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        kids = []
        try:
            threads = os.listdir(f"/proc/{parent}/task")
        except OSError:
            threads = []
        for thread in threads:  # a child may be started by any thread of the parent (LibreOffice's oosplash)
            try:
                with open(f"/proc/{parent}/task/{thread}/children") as children:
                    kids += [int(k) for k in children.read().split()]
            except OSError:
                continue
        pids += kids
        frontier += kids
    return pids


def measured(cmd: list[str], *, sample: bool = False, **kwargs) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run cmd; return (result, wall seconds, peak memory of its process tree in MB, 0 unless sampled).

    Sampling slows what it samples: reading smaps_rollup takes the process's memory-map lock, which a process that
    allocates a lot (WeasyPrint: three processes) then waits for. Seen here: 10.0 s unsampled against 12.0 s
    sampled for ours at 300 rows, no difference for LibreOffice. So times come from unsampled runs and the peak
    memory from one sampled run apart."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    peak = 0
    stop = threading.Event()

    def sample_memory():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_pss_kb(p) for p in _tree(proc.pid)))
            stop.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample_memory, daemon=True)
    if sample:
        sampler.start()
    stdout, stderr = proc.communicate()
    stop.set()
    if sample:
        sampler.join()
    wall = time.perf_counter() - started
    return subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr), wall, peak / 1024


def child(mode: str, rows: int, workers: int | None, out: str, *, sample: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", mode, "--rows", str(rows), "--out", out]
    if workers:
        cmd += ["--workers", str(workers)]
    result, _wall, peak = measured(cmd, sample=sample, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["peak_mb"] = peak
    return figures


def libreoffice(docx: Path, workdir: Path, *, sample: bool = False) -> dict | None:
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    profile = workdir / "lo-profile"
    cmd = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(workdir),
        str(docx),
    ]
    measured(cmd)  # first start creates the profile; not counted
    (workdir / f"{docx.stem}.pdf").unlink(missing_ok=True)
    cpu_started = _cpu()
    result, wall, peak = measured(cmd, sample=sample)
    cpu = _cpu() - cpu_started
    pdf = workdir / f"{docx.stem}.pdf"
    if result.returncode != 0 or not pdf.exists():
        return {"error": result.stderr[-500:]}
    from pypdf import PdfReader

    return {"seconds": wall, "cpu": cpu, "pages": len(PdfReader(str(pdf)).pages), "peak_mb": peak}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, action="append", help="appendix rows (repeatable); default 30 300 1000")
    parser.add_argument("--workers", type=int, default=None, help="layout processes (default: settings, 0 = CPUs)")
    parser.add_argument("--baseline", action="store_true", help="also time plain WeasyPrint (one document)")
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each renderer; the quietest is shown")
    parser.add_argument("--keep", default=None, help="folder to keep the produced files in")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.rows[0], args.workers, args.out)))
        return
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="bench-notice-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"CPUs available: {len(os.sched_getaffinity(0))}; files in {workdir}")
    header = f"{'rows':>5} {'renderer':<28} {'seconds':>8} {'CPU s':>6} {'pages':>6} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    for rows in args.rows or [30, 300, 1000]:
        runs: dict[str, list[dict]] = {"ours": [], "plain": [], "lo": [], "export": []}
        loads = [os.getloadavg()[0]]
        for _ in range(max(1, args.repeat)):
            runs["ours"].append(child("ours", rows, args.workers, str(workdir / f"ours-{rows}.pdf")))
            if args.baseline:
                runs["plain"].append(child("baseline", rows, None, str(workdir / f"plain-{rows}.pdf")))
            if not args.no_libreoffice and shutil.which("soffice"):
                docx = workdir / f"notice-{rows}.docx"
                runs["export"].append(child("docx", rows, None, str(docx)))
                runs["lo"].append(libreoffice(docx, workdir))
            loads.append(os.getloadavg()[0])
        # One more run of each, sampled, for the peak memory only.
        runs["ours_memory"] = [child("ours", rows, args.workers, str(workdir / f"ours-{rows}.pdf"), sample=True)]
        if runs["plain"]:
            runs["plain_memory"] = [child("baseline", rows, None, str(workdir / f"plain-{rows}.pdf"), sample=True)]
        if runs["lo"]:
            runs["lo_memory"] = [libreoffice(workdir / f"notice-{rows}.docx", workdir, sample=True)]
        report(rows, runs, loads)


def _peak(runs: dict[str, list[dict]], name: str) -> float:
    sampled = [run for run in runs.get(f"{name}_memory", []) if run and "error" not in run]
    return sampled[0]["peak_mb"] if sampled else 0.0


def quietest(runs: list[dict]) -> dict:
    return min(runs, key=lambda run: run["seconds"])


def report(rows: int, runs: dict[str, list[dict]], loads: list[float]) -> None:
    ours = quietest(runs["ours"])
    times = " ".join(f"{run['seconds']:.2f}" for run in runs["ours"])
    print(f"{rows:>5} {'ours (WeasyPrint, parts)':<28} {ours['seconds']:>8.2f} {ours['cpu']:>6.1f} {ours['pages']:>6} "
          f"{_peak(runs, 'ours'):>8.0f}   (+{ours['warmup']:.2f} s first render; runs: {times})")  # fmt: skip
    if runs["plain"]:
        plain = quietest(runs["plain"])
        print(f"{rows:>5} {'plain WeasyPrint':<28} {plain['seconds']:>8.2f} {plain['cpu']:>6.1f} {plain['pages']:>6} "
              f"{_peak(runs, 'plain'):>8.0f}")  # fmt: skip
    failed = [lo for lo in runs["lo"] if lo and "error" in lo]
    done = [lo for lo in runs["lo"] if lo and "error" not in lo]
    if done:
        lo, export = quietest(done), quietest(runs["export"])
        times = " ".join(f"{run['seconds']:.2f}" for run in done)
        print(f"{rows:>5} {'LibreOffice (our DOCX)':<28} {lo['seconds']:>8.2f} {lo['cpu']:>6.1f} {lo['pages']:>6} "
              f"{_peak(runs, 'lo'):>8.0f}   DOCX export {export['seconds']:.2f} s; runs: {times}")  # fmt: skip
        print(f"{'':>5} {'ratio ours / LibreOffice':<28} {ours['seconds'] / lo['seconds']:>8.2f}")
    elif failed:
        print(f"{rows:>5} LibreOffice failed: {failed[0]['error']}")
    print(f"{'':>5} load average (1 min) around the runs: {' '.join(f'{load:.1f}' for load in loads)}")


if __name__ == "__main__":
    main()
