"""Bench: the hostile inputs of issue 16 against gunicorn with production settings, a public page timed alongside.

    env DATABASE_URL=postgres://postgres@127.0.0.1:5432/dp_x REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/abuse.py [--port 8125] [--repeat 3] [--loop-seconds 10]

On a scratch database (the test database machinery: created, then dropped) it builds a small province (a collecting
conference with its sites, 60 petitions, a Youth Union and a Home Affairs person), starts gunicorn with DEBUG off
(gunicorn.conf.py: 3 sync workers; static files unhashed, tests/hardening/gunicorn_settings.py) and one Celery worker
on REDIS_URL, then sends each hostile input while a thread asks for the public conference list every 50 ms.

Per input it prints the web worker's time (the request's duration; best and spread over --repeat runs), the task's
time where the work moved to the worker, the peak memory of the gunicorn workers, the public page's p95 and worst
time while it ran, and what the portal answered. The machine is shared: read best and spread; the coordinator
re-runs it on a quiet machine.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.hardening.gunicorn_settings"
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from tests.hostile_files import entity_xlsx, far_cell_xlsx, zip_bomb_xlsx  # noqa: E402

PASSWORD = "Mat-khau-thu-nghiem-1"


# A small HTTP client: cookies, CSRF, forms and files, on one connection per request (like a browser tab).
class Browser:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None, timeout: float = 130):
        head = {"Host": "127.0.0.1", "Connection": "close", "Referer": f"http://127.0.0.1:{self.port}/"}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            head["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            head["Content-Length"] = str(len(body))
        head.update(headers or {})
        raw = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head.items()) + "\r\n"
        started = time.perf_counter()
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as conn:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # answered before the whole body
                conn.sendall(raw.encode("latin-1") + body)
            answer = _read_all(conn)
        elapsed = time.perf_counter() - started
        status, headers_out, content = _parse(answer)
        for value in headers_out.get("set-cookie", []):
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return status, headers_out, content, elapsed

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, fields: dict, files: list[tuple[str, str, bytes]] = ()):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, filename, data in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + data
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def login(self, username: str) -> None:
        self.get("/accounts/login/")
        status, _h, _c, _t = self.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert status == 302, f"login of {username} failed ({status})"

    def token(self, path: str) -> str:
        _s, _h, content, _t = self.get(path)
        found = re.search(rb'name="form_once" value="([^"]+)"', content)
        return found.group(1).decode() if found else ""


def _read_all(conn) -> bytes:
    chunks = []
    while True:
        try:
            chunk = conn.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(answer: bytes):
    head, _, content = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers.setdefault(key.strip().lower(), []).append(value.strip())
    return status, headers, content


# The public page, timed every 50 ms while an input runs; the gunicorn workers' memory, sampled every 20 ms.
class Probe:
    def __init__(self, port: int, workers: list[int]):
        self.port, self.workers = port, workers
        self.times: list[float] = []
        self.peak_kb = 0
        self._stop = threading.Event()

    def _public(self):
        browser = Browser(self.port)
        while not self._stop.is_set():
            try:
                status, _h, _c, elapsed = browser.get("/cong-khai/")
                self.times.append(elapsed if status == 200 else 99.0)
            except OSError:
                self.times.append(99.0)
            self._stop.wait(0.05)

    def _memory(self):
        while not self._stop.is_set():
            for pid in self.workers:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                found = re.search(r"VmRSS:\s+(\d+)", status)
                if found:
                    self.peak_kb = max(self.peak_kb, int(found.group(1)))
            self._stop.wait(0.02)

    def __enter__(self):
        self.threads = [threading.Thread(target=self._public), threading.Thread(target=self._memory)]
        for thread in self.threads:
            thread.start()
        time.sleep(0.2)
        return self

    def __exit__(self, *_exc):
        time.sleep(0.2)
        self._stop.set()
        for thread in self.threads:
            thread.join()

    def summary(self) -> tuple[float, float]:
        ordered = sorted(self.times) or [0.0]
        return ordered[int(0.95 * (len(ordered) - 1))] * 1000, ordered[-1] * 1000


def build_world():
    """A province with a collecting conference, its sites and groups, 60 petitions, two people."""
    from conferences.models import ConferenceStatus, Role
    from tests.factories import (
        AgencyFactory,
        BridgePointFactory,
        CommuneFactory,
        ConferenceFactory,
        DistrictFactory,
        IssueGroupFactory,
        PetitionFactory,
        UnitFactory,
        make_user,
    )

    province = UnitFactory(name="Lạng Sơn Thử")
    district = DistrictFactory(parent=province, name="Tràng Định Thử")
    conference = ConferenceFactory(organising_unit=province, status=ConferenceStatus.COLLECTING, year=2024)
    sites = [BridgePointFactory(conference=conference, unit=province, name=province.full_name, kind="provincial")]
    for name in ("Tân Minh", "Đội Cấn", "Hùng Sơn"):
        unit = CommuneFactory(parent=district, name=name)
        sites.append(BridgePointFactory(conference=conference, unit=unit, name=unit.full_name, kind="commune"))
    groups = [IssueGroupFactory(conference=conference, name=n, position=i) for i, n in enumerate(["Vốn", "Việc làm"])]
    for n in range(1, 61):
        PetitionFactory(conference=conference, number=n, bridge_point=sites[n % 4], issue_group=groups[n % 2])
    union = make_user(Role.YOUTH_UNION, AgencyFactory(name="Tỉnh Đoàn Lạng Sơn Thử", unit=province))
    home = make_user(Role.HOME_AFFAIRS, AgencyFactory(name="Sở Nội vụ Lạng Sơn Thử", unit=province))
    for person in (union, home):
        person.set_password(PASSWORD)
        person.save()
    return conference, province, union, home


def start_stack(port: int, database: str) -> tuple[list[subprocess.Popen], list[int], Path]:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{database}"
    if db.get("PASSWORD"):
        url = url.replace(f"{db['USER']}@", f"{db['USER']}:{db['PASSWORD']}@")
    env = {**os.environ, "DATABASE_URL": url, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "3",
           "LOG_LEVEL": "WARNING", "DB_CONN_MAX_AGE": "60"}  # fmt: skip
    logs = ROOT / "test-artifacts"
    logs.mkdir(exist_ok=True)
    web_log = logs / "abuse-gunicorn.log"
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "dialogue_portal.wsgi:application"], cwd=ROOT, env=env,
                           stdout=web_log.open("wb"), stderr=subprocess.STDOUT)  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "dialogue_portal", "worker", "--pool=solo", "-Q", "celery",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"abuse-{os.getpid()}@%h",
         "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=(logs / "abuse-worker.log").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while web_log.read_text(errors="replace").count("Booting worker") < 3:
        if time.monotonic() > deadline or web.poll() is not None:
            raise SystemExit("gunicorn did not start:\n" + web_log.read_text(errors="replace"))
        time.sleep(0.2)
    time.sleep(1.5)
    children = Path(f"/proc/{web.pid}/task/{web.pid}/children").read_text().split()
    warm_up(port)
    return [web, worker], [int(pid) for pid in children], web_log


def warm_up(port: int) -> None:
    """Every worker imports, connects and compiles its templates before anything is timed."""
    for _ in range(3):
        browser = Browser(port)
        browser.login("bench_union")
        browser.get("/kien-nghi/")
    for _ in range(30):
        Browser(port).get("/cong-khai/")


def wait_read(batch_pk: int, timeout: float = 150) -> tuple[str, float]:
    from petitions.models import ImportBatch

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        status = ImportBatch.objects.filter(pk=batch_pk).values_list("status", flat=True).first()
        if status not in (None, "reading"):
            return status, time.perf_counter() - started
        time.sleep(0.05)
    return "reading", timeout


def upload_case(browser: Browser, conference, label: str, content: bytes):
    """One hostile list uploaded by the Youth Union: (web s, task s, answer)."""
    from petitions.models import ImportBatch

    path = f"/kien-nghi/hoi-nghi/{conference.slug}/nhap-excel/"
    before = ImportBatch.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    status, headers, body, web = browser.post(path, {"form_once": browser.token(path)}, [("file", label, content)])
    batch = ImportBatch.objects.filter(pk__gt=before).order_by("-pk").first()
    if status == 302 and batch is not None:
        outcome, task = wait_read(batch.pk)
        if outcome == "failed":
            message = ImportBatch.objects.get(pk=batch.pk).message
            return web, task, f"read in the task, refused: {message[:60]}"
        return web, task, f"read in the task: {outcome}"
    found = re.search(r"invalid-feedback[^>]*>\s*(?:<p[^>]*>)?\s*(?:<strong>)?([^<]+)", body.decode(errors="replace"))
    text = html.unescape(found.group(1)).strip() if found else ""
    return web, 0.0, f"HTTP {status}, refused in the request: {text[:70]}"


def oversized_body(port: int, megabytes: int):
    """A body declared at `megabytes` MB and sent as fast as the server takes it."""
    chunk = b"x" * (1024 * 1024)
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=130) as conn:
        conn.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {megabytes * 1024 * 1024}\r\nConnection: close\r\n\r\n".encode()
        )
        sent = 0
        try:
            conn.settimeout(0.5)
            for _ in range(megabytes):
                conn.sendall(chunk)
                sent += 1
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        conn.settimeout(130)
        answer = _read_all(conn)
    status = _parse(answer)[0]
    return time.perf_counter() - started, 0.0, f"HTTP {status} after {sent} of {megabytes} MB sent"


def ten_files(browser: Browser, conference):
    files = [("attachments", f"tep-{i}.pdf", b"%PDF-1.4\n" + b"0" * int(9.9 * 1024 * 1024)) for i in range(10)]
    status, _h, _c, web = browser.post(f"/kien-nghi/hoi-nghi/{conference.slug}/ghi-moi/", {"content": "x"}, files)
    return web, 0.0, f"HTTP {status} (ten 9.9 MB files, 99 MB in one request)"


def report_loop(browsers: list[Browser], province, seconds: float):
    counts: dict = {"pdf": 0, "429": 0}
    durations: list[float] = []
    refusals: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(browser: Browser):
        while time.monotonic() < stop:
            status, _h, _c, elapsed = browser.get(
                f"/ket-luan/thong-ke/bao-cao-nam/?don_vi={province.pk}&nam=2024&dinh_dang=pdf"
            )
            with lock:
                kind = "pdf" if status == 200 else "429" if status == 429 else f"HTTP {status}"
                counts[kind] = counts.get(kind, 0) + 1
                (durations if status == 200 else refusals).append(elapsed)

    clients = len(browsers)
    threads = [threading.Thread(target=loop, args=(browser,)) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    worker_s = sum(durations)
    return (
        worker_s,
        0.0,
        f"{clients} clients {seconds:.0f} s: {counts['pdf']} PDFs served, {counts['429']} refused (429)",
    )


def guessing(port: int, attempts: int = 230):
    browser = Browser(port)
    browser.get("/accounts/login/")
    answered = {}
    started = time.perf_counter()
    for _ in range(attempts):
        status = browser.post("/accounts/login/", {"username": "bench_union", "password": "doan-sai"})[0]
        answered[status] = answered.get(status, 0) + 1
    elapsed = time.perf_counter() - started
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()  # unlocked, as an administrator would
    return elapsed, 0.0, f"{attempts} guesses: {answered.get(200, 0)} checked, {answered.get(429, 0)} locked out"


def double_post(browser: Browser, conference):
    from petitions.models import Petition

    path = f"/kien-nghi/hoi-nghi/{conference.slug}/ghi-moi/"
    before = Petition.objects.count()
    site = conference.bridge_points.order_by("pk").first().pk
    fields = {"form_once": browser.token(path), "content": f"Kiến nghị gửi hai lần {uuid.uuid4().hex[:6]}?",
              "submitting_unit": "Đoàn xã Tân Minh", "bridge_point": site, "channel": "form",
              "parts-TOTAL_FORMS": "0", "parts-INITIAL_FORMS": "0"}  # fmt: skip
    times = []

    def send():
        times.append(browser.post(path, fields)[3])

    first = threading.Thread(target=send)
    first.start()
    time.sleep(0.05)
    send()
    first.join()
    return max(times), 0.0, f"two POSTs 50 ms apart: {Petition.objects.count() - before} petition logged"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8125)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--loop-seconds", type=float, default=10.0)
    parser.add_argument("--bomb-mb", type=int, default=1800, help="what the zip bomb inflates to")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        raise SystemExit("set DATABASE_URL (PostgreSQL) and REDIS_URL: the bench runs the production stack")
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    processes = []
    try:
        conference, province, union, home = build_world()
        union.username, home.username = "bench_union", "bench_home"
        union.save()
        home.save()
        print("building the hostile files ...", flush=True)
        bomb = zip_bomb_xlsx(args.bomb_mb)
        files = [
            (f"xlsx with one far cell XFD1048576 ({len(far_cell_xlsx()) / 1024:.0f} KB)", far_cell_xlsx()),
            (f"zip bomb ({len(bomb) / 1024:.0f} KB -> {args.bomb_mb} MB)", bomb),
            ("xlsx with XML entities (billion laughs)", entity_xlsx()),
        ]
        processes, workers, _log = start_stack(args.port, name)
        # Signed in before anything is timed (a login costs a password hash: not what is measured here).
        union_tab = Browser(args.port)
        union_tab.login("bench_union")
        report_tabs = [Browser(args.port) for _ in range(24)]
        for tab in report_tabs:
            tab.login("bench_home")
        rows = []
        for label, content in files:
            case = lambda c=content: upload_case(union_tab, conference, "danh-sach.xlsx", c)  # noqa: E731
            rows.append((label, *run(args, workers, case)))
        rows.append(("body declared 200 MB", *run(args, workers, lambda: oversized_body(args.port, 200))))
        rows.append(("ten 9.9 MB files in one request", *run(args, workers, lambda: ten_files(union_tab, conference))))
        loop = lambda: report_loop(report_tabs, province, args.loop_seconds)  # noqa: E731
        rows.append(("yearly report PDF, 24 clients looping", *run(args, workers, loop, repeat=1)))
        rows.append(("230 password guesses", *run(args, workers, lambda: guessing(args.port), repeat=1)))
        rows.append(("double click on Lưu", *run(args, workers, lambda: double_post(union_tab, conference))))
        print_table(rows, args)
    finally:
        for proc in processes:
            proc.terminate()
        for proc in processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        connection.creation.destroy_test_db(name, verbosity=0)


def run(args, workers, case, repeat: int | None = None):
    webs, tasks, peaks, p95s, worsts, outcome = [], [], [], [], [], ""
    for _ in range(repeat or args.repeat):
        with Probe(args.port, workers) as probe:
            web, task, outcome = case()
        webs.append(web)
        tasks.append(task)
        peaks.append(probe.peak_kb / 1024)
        p95, worst = probe.summary()
        p95s.append(p95)
        worsts.append(worst)
    return webs, tasks, max(peaks), statistics.median(p95s), max(worsts), outcome


def print_table(rows, args) -> None:
    print(f"\nIssue 16 abuse bench: gunicorn 3 sync workers, DEBUG off, PostgreSQL + Redis; best and spread of "
          f"{args.repeat} runs (loops once)\n")  # fmt: skip
    head = f"{'input':<44} {'web worker s':>16} {'task s':>8} {'peak RSS MB':>11} {'public p95/max ms':>18}  <200ms"
    print(head)
    print("-" * len(head))
    for label, webs, tasks, peak, p95, worst, outcome in rows:
        web = f"{min(webs):6.3f} ±{max(webs) - min(webs):5.3f}"
        print(f"{label[:44]:<44} {web:>16} {min(tasks):8.2f} {peak:11.0f} {p95:8.0f} /{worst:7.0f}  "
              f"{'yes' if worst < 200 else 'NO'}")  # fmt: skip
        print(f"    -> {outcome}")
    print("\nweb worker s: the request's duration (for the report loop: the sum over the PDFs served).")


if __name__ == "__main__":
    main()
