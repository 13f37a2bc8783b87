"""Bench: the dialogue day under load, on the real stack (gunicorn with DEBUG off, PostgreSQL, Redis).

    env DATABASE_URL=postgres://postgres@127.0.0.1:5432/dp_live REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/live.py [--port 8105] [--duration 180] [--workers 4] [--threads 4]

1. Builds a scratch database (<db>_live_bench, dropped at the end unless --keep): one province with 11 districts
   and 200 communes (212 bridge points, as in seed 000), a Youth Union user signed in at every site, 2,000 petitions
   in the compiled list (Hà Nội's order of size), agencies, a projector link; the live session is started.
2. Runs gunicorn (DEBUG=0, collected static files) on --port and drives it with aiohttp for --duration seconds:
   - 212 operator pages and 212 projectors poll the state feed every 3 s with If-None-Match;
   - 20 operators post live questions (one every --post-every seconds each; 1 in 10 forms is sent twice at once,
     as a double tap, with the same key);
   - the moderator records the question on air as answered and puts the next live question on air every 30 s.
3. Prints p50/p95/max per request kind, the share of 304s, errors, the lag from "on air" (the moderator's request
   returns) to the first projector showing it (and to the last of the 212), and checks that every posted question
   was stored exactly once.
The Redis DB of REDIS_URL is the bench's: its live:* keys are cleared first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")
# One key for this process (which signs the operators' sessions) and the gunicorn it starts (which reads them).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

SLUG = "bench-live"
POLL_SECONDS = 3.0
ON_AIR_EVERY = 30.0


# --- 1. data --------------------------------------------------------------------------------------------------------


def build(n_petitions: int) -> dict:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from conferences.models import (
        AdministrativeUnit,
        Agency,
        AgencyKind,
        BridgePoint,
        Conference,
        ConferenceStatus,
        IssueGroup,
        Membership,
        Role,
        UnitKind,
    )
    from conferences.text import fold
    from petitions.live.services.sessions import projector_link_issue, session_start
    from petitions.models import Petition

    province = AdministrativeUnit.objects.create(name="Bench", kind=UnitKind.PROVINCE, tier=1)
    units = [province]
    for d in range(11):
        district = AdministrativeUnit.objects.create(name=f"Huyện {d}", kind=UnitKind.DISTRICT, tier=2, parent=province)
        units.append(district)
        for c in range(200 // 11 + (1 if d < 200 % 11 else 0)):
            units.append(
                AdministrativeUnit.objects.create(name=f"Xã {d}-{c}", kind=UnitKind.COMMUNE, tier=3, parent=district)
            )
    ubnd = Agency.objects.create(code="ubnd", name="UBND tỉnh Bench", kind=AgencyKind.PEOPLES_COMMITTEE, unit=province)
    for i in range(10):
        Agency.objects.create(code=f"so-{i}", name=f"Sở chuyên ngành {i}", unit=province)
    conference = Conference.objects.create(
        slug=SLUG, organising_unit=province, organiser=ubnd, level="province", year=2024, title="Hội nghị bench",
        status=ConferenceStatus.ANSWERING, chair_title="Chủ tịch UBND tỉnh", chair_name="Nguyễn Văn Bench",
    )  # fmt: skip
    kinds = {1: "provincial", 2: "district", 3: "commune"}
    sites = BridgePoint.objects.bulk_create(
        BridgePoint(conference=conference, unit=u, name=u.full_name, kind=kinds[u.tier], position=i)
        for i, u in enumerate(units)
    )
    groups = [IssueGroup.objects.create(conference=conference, name=f"Nhóm {g}", position=g) for g in range(8)]
    text = "Đề nghị hỗ trợ thanh niên khởi nghiệp, việc làm số {}?"
    Petition.objects.bulk_create(
        Petition(
            conference=conference, number=n + 1, issue_group=groups[n % 8], bridge_point=sites[n % len(sites)],
            submitting_unit=f"Đoàn xã {n % 200}", content=text.format(n + 1),
            search_text=fold(f"{text.format(n + 1)} Đoàn xã {n % 200}"),
        )
        for n in range(n_petitions)
    )  # fmt: skip
    User = get_user_model()
    unions = Agency.objects.bulk_create(
        Agency(code=f"doan-{u.pk}", name=f"Đoàn {u.name}", kind=AgencyKind.YOUTH_UNION, unit=u) for u in units
    )
    users = User.objects.bulk_create(User(username=f"doan{i}", password="!") for i in range(len(units)))
    Membership.objects.bulk_create(
        Membership(user=user, agency=agency, role=Role.YOUTH_UNION) for user, agency in zip(users, unions, strict=True)
    )
    cookies = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies.append(store.session_key)
    moderator = users[0]  # the provincial Youth Union runs the console
    session_start(conference=conference, actor=moderator)
    token = projector_link_issue(conference=conference, actor=moderator).projector_token
    return {
        "conference_id": conference.pk,
        "sites": [s.pk for s in sites],
        "sessions": cookies,
        "token": token,
        "moderator": cookies[0],
    }


# --- 2. gunicorn ------------------------------------------------------------------------------------------------------


ACCESS_FORMAT = "%(m)s %(U)s %(q)s %(s)s %(D)s %(t)s"  # method, path, query, status, microseconds, time


def start_server(
    port: int, database_url: str, workers: int, threads: int, static_root: str, access_log: str
) -> subprocess.Popen:
    worker_class = ["-k", "gthread", "--threads", str(threads)] if threads > 1 else ["-k", "sync"]
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "dialogue_portal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            *worker_class,
            "--log-level",
            "warning",
            "--access-logfile",
            access_log,
            "--access-logformat",
            ACCESS_FORMAT,
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    return server


def group_cpu_seconds(pgid: int) -> float:
    """CPU seconds used so far by every process of gunicorn's process group (master and workers), from /proc."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


# --- 3. load --------------------------------------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.times: dict[str, list[float]] = defaultdict(list)
        self.status: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.errors: dict[str, list[str]] = defaultdict(list)

        self.measure_from = 0.0  # perf_counter() after the warm-up: earlier requests are not counted

    def add(self, kind: str, started: float, status: int) -> None:
        if started >= self.measure_from:
            self.times[kind].append((time.perf_counter() - started) * 1000)
            self.status[kind][status] += 1

    def fail(self, kind: str, started: float, error: str) -> None:
        self.errors[kind].append(error)  # counted whenever it happens, warm-up included
        if started >= self.measure_from:
            self.times[kind].append((time.perf_counter() - started) * 1000)


class Run:
    def __init__(self, base: str, data: dict, args, access_log: str):
        self.base, self.data, self.args = base, data, args
        self.access_log, self.log_offset = access_log, 0
        self.stats = Stats()
        self.deadline = 0.0
        self.keys_sent: set[str] = set()
        self.on_air_at: dict[int, float] = {}  # entry id -> moment the moderator's request returned
        self.seen: dict[int, list[float]] = defaultdict(list)  # entry id -> moments projectors first showed it
        self.csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret, sent as cookie and header

    def headers(self, session_key: str | None = None) -> dict:
        cookies = [f"csrftoken={self.csrf}"]
        if session_key:
            cookies.append(f"sessionid={session_key}")
        return {"Cookie": "; ".join(cookies), "X-CSRFToken": self.csrf}

    async def poll(self, http, kind: str, url: str, session_key: str | None):
        await asyncio.sleep(random.uniform(0, self.args.warmup))  # screens and phones open over the warm-up
        etag, shown = None, None
        while time.monotonic() < self.deadline:
            started = time.perf_counter()
            headers = self.headers(session_key)
            if etag:
                headers["If-None-Match"] = etag
            try:
                async with http.get(url, headers=headers, allow_redirects=False) as response:
                    body = await response.json() if response.status == 200 else None
                    self.stats.add(kind, started, response.status)
                    if response.status not in (200, 304):
                        self.stats.fail(kind, started, f"HTTP {response.status}")
                    etag = response.headers.get("ETag", etag)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                self.stats.fail(kind, started, type(exc).__name__)
                body = None
            if body is not None and kind == "feed (projector)":
                on_air = body["public"]["on_air"]
                now = time.monotonic()
                if on_air and on_air["id"] != shown:
                    self.seen[on_air["id"]].append(now)
                shown = on_air["id"] if on_air else None
            await asyncio.sleep(POLL_SECONDS)

    async def post_questions(self, http, index: int, session_key: str, site: int):
        await asyncio.sleep(self.args.warmup + random.uniform(0, self.args.post_every))
        url = f"{self.base}/truc-tiep/{SLUG}/diem-cau/"
        n = 0
        while time.monotonic() < self.deadline:
            n += 1
            key = str(uuid.uuid4())
            self.keys_sent.add(key)
            form = {
                "site": str(site),
                "content": f"Câu hỏi trực tiếp {index}-{n}: thanh niên xã được hỗ trợ gì khi khởi nghiệp?",
                "unit": f"Đoàn xã {index}",
                "speaker_name": "",
                "client_key": key,
                "csrfmiddlewaretoken": self.csrf,
            }
            copies = 2 if n % 10 == 0 else 1  # a double tap: the same form twice at once
            await asyncio.gather(*(self._post(http, url, form, session_key) for _ in range(copies)))
            await asyncio.sleep(self.args.post_every)

    async def _post(self, http, url, form, session_key, kind="post question"):
        for _attempt in range(3):  # a phone retries a failed send with the same form
            started = time.perf_counter()
            try:
                async with http.post(url, data=form, headers=self.headers(session_key), allow_redirects=False) as r:
                    await r.read()
                    if r.status == 302:
                        self.stats.add(kind, started, r.status)
                        return r
                    self.stats.fail(kind, started, f"HTTP {r.status}")
            except Exception as exc:  # noqa: BLE001
                self.stats.fail(kind, started, type(exc).__name__)
        return None

    async def moderate(self, http):
        from asgiref.sync import sync_to_async

        await asyncio.sleep(self.args.warmup + 5)
        current = None
        while time.monotonic() < self.deadline - 5:
            if current is not None:
                url = f"{self.base}/truc-tiep/{SLUG}/dieu-hanh/cau-hoi/{current}/da-tra-loi/"
                form = {"answered_by": "Chủ tịch UBND tỉnh", "summary": "Đã trả lời tại hội nghị.", "next": "/"}
                await self._post(http, url, {**form, "csrfmiddlewaretoken": self.csrf}, self.data["moderator"],
                                 "moderator: answered")  # fmt: skip
            current = await sync_to_async(_next_live_entry)(self.data["conference_id"])
            if current is not None:
                url = f"{self.base}/truc-tiep/{SLUG}/dieu-hanh/cau-hoi/{current}/len-song/"
                form = {"responder": "", "next": "/", "csrfmiddlewaretoken": self.csrf}
                if await self._post(http, url, form, self.data["moderator"], "moderator: on air"):
                    self.on_air_at[current] = time.monotonic()
            await asyncio.sleep(ON_AIR_EVERY)

    async def main(self):
        import aiohttp

        connector = aiohttp.TCPConnector(limit=0, force_close=True)
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            await self._wait_until_up(http)
            self.deadline = time.monotonic() + self.args.warmup + self.args.duration
            self.stats.measure_from = time.perf_counter() + self.args.warmup
            feed = f"{self.base}/truc-tiep/{SLUG}/trang-thai/"
            tasks = [
                self.poll(http, "feed (operator)", feed, key)
                for key in self.data["sessions"]
            ] + [
                self.poll(http, "feed (projector)", f"{feed}?t={self.data['token']}", None)
                for _ in self.data["sites"]
            ]  # fmt: skip
            posters = random.Random(1).sample(range(12, len(self.data["sites"])), self.args.posters)
            tasks += [self.post_questions(http, i, self.data["sessions"][i], self.data["sites"][i]) for i in posters]
            tasks.append(self.moderate(http))
            tasks.append(self._mark_log())
            await asyncio.gather(*tasks)

    async def _mark_log(self):
        """Server-side timings count from the end of the warm-up too."""
        await asyncio.sleep(self.args.warmup)
        self.log_offset = os.path.getsize(self.access_log)

    async def _wait_until_up(self, http):
        for _ in range(120):
            try:
                async with http.get(f"{self.base}/accounts/login/") as r:
                    if r.status == 200:
                        return
            except Exception:  # noqa: BLE001, S110 - not up yet
                pass
            await asyncio.sleep(0.5)
        raise SystemExit("gunicorn did not start")


def _next_live_entry(conference_id: int) -> int | None:
    """The moderator takes the oldest live question waiting (read from the database: the console would show it)."""
    from petitions.live.models import EntrySource, EntryState, LiveEntry

    try:
        return (
            LiveEntry.objects.filter(
                session__conference_id=conference_id, source=EntrySource.LIVE, state=EntryState.QUEUED
            )
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
            .first()
        )
    finally:
        connection.close()  # this runs in asgiref's worker thread: leave no connection to the scratch database


# --- 4. report ------------------------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(run: Run, duration: float) -> None:
    columns = f"{'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'304 %':>6} {'errors':>6}"
    print(f"\nclient side (aiohttp)    {columns}")
    for kind in sorted(run.stats.times):
        times = run.stats.times[kind]
        statuses = run.stats.status[kind]
        total = len(times)
        share = 100 * statuses.get(304, 0) / total if total else 0
        print(
            f"{kind:24} {total:8d} {total / duration:7.1f} {percentile(times, 50):8.1f} {percentile(times, 95):8.1f} "
            f"{max(times):8.1f} {share:6.1f} {len(run.stats.errors[kind]):6d}"
        )
    errors = {kind: sorted(set(e)) for kind, e in run.stats.errors.items() if e}
    if errors:
        print("errors:", errors)
    first, last = [], []
    for entry, at in run.on_air_at.items():
        seen = run.seen.get(entry, [])
        if seen:
            first.append(max(0.0, min(seen) - at))
            last.append(max(0.0, max(seen) - at))
    if first:
        print(
            f"\non air -> first projector showing it: median {statistics.median(first):.2f} s, max {max(first):.2f} s "
            f"({len(first)} questions put on air)"
        )
        print(f"on air -> last of the projectors:     median {statistics.median(last):.2f} s, max {max(last):.2f} s")
    else:
        print("\nno question went on air")


def _kind(method: str, path: str, query: str) -> str:
    if path.endswith("/trang-thai/"):
        return "feed (projector)" if query.startswith("t=") else "feed (operator)"
    if path.endswith("/diem-cau/"):
        return "post question"
    if path.endswith("/len-song/"):
        return "moderator: on air"
    if path.endswith("/da-tra-loi/"):
        return "moderator: answered"
    return f"{method} other"


def server_side(access_log: str, offset: int) -> None:
    """The same requests timed inside gunicorn (no client or network time): what the server itself costs."""
    times: dict[str, list[float]] = defaultdict(list)
    with open(access_log) as lines:
        lines.seek(offset)
        lines.readline()  # the offset may fall inside a line
        for line in lines:
            method, path, query, _status, micros = (line.split(" ") + [""] * 6)[:5]
            if micros.strip().isdigit():
                times[_kind(method, path, query)].append(int(micros) / 1000)
    print(f"\nserver side (gunicorn){'':3} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in sorted(times):
        values = times[kind]
        print(
            f"{kind:24} {len(values):8d} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} {max(values):8.1f}"
        )


def exactly_once(run: Run, conference_id: int) -> None:
    from django.db.models import Count

    from petitions.live.models import LiveEntry
    from petitions.models import Petition

    keys = [uuid.UUID(k) for k in run.keys_sent]
    stored = LiveEntry.objects.filter(client_key__in=keys)
    doubled = stored.values("client_key").annotate(n=Count("id")).filter(n__gt=1).count()
    petitions = Petition.objects.filter(conference_id=conference_id, raised_live=True).count()
    print(
        f"\nposted forms: {len(keys)}; stored questions: {stored.count()}; stored twice: {doubled}; "
        f"missing: {len(keys) - stored.count()}; live petitions: {petitions}"
    )
    ok = stored.count() == len(keys) == petitions and doubled == 0
    print("exactly once:", "yes" if ok else "NO")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--duration", type=float, default=180)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (1: sync workers)")
    parser.add_argument("--posters", type=int, default=20)
    parser.add_argument("--post-every", type=float, default=15.0, help="seconds between two posts of one operator")
    parser.add_argument("--petitions", type=int, default=2000)
    parser.add_argument("--warmup", type=float, default=20.0, help="seconds over which clients join (not measured)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--access-log", help="keep gunicorn's access log (with each request's time) at this path")
    args = parser.parse_args()
    if not settings.IS_POSTGRES or not settings.REDIS_URL:
        print("bench/live.py needs DATABASE_URL (PostgreSQL) and REDIS_URL", file=sys.stderr)
        return 2

    from petitions.live import versions

    redis = versions.client()
    keys = list(redis.scan_iter("live:*"))
    if keys:
        redis.delete(*keys)
    database = settings.DATABASES["default"]
    bench_name = f"{database['NAME']}_live_bench"
    database["TEST"]["NAME"] = bench_name
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    server = None
    try:
        started = time.perf_counter()
        data = build(args.petitions)
        print(
            f"built {len(data['sites'])} sites, {len(data['sessions'])} signed-in operators, {args.petitions} "
            f"petitions in {time.perf_counter() - started:.1f} s"
        )
        parsed = urlparse(settings.DATABASE_URL)
        database_url = urlunparse(parsed._replace(path=f"/{bench_name}"))
        with tempfile.TemporaryDirectory(prefix="live-bench-static-") as static_root:
            access_log = args.access_log or str(Path(static_root) / "access.log")
            server = start_server(args.port, database_url, args.workers, args.threads, static_root, access_log)
            run = Run(f"http://127.0.0.1:{args.port}", data, args, access_log)
            print(
                f"load: {len(data['sessions'])} operator pages + {len(data['sites'])} projectors polling every "
                f"{POLL_SECONDS:.0f} s, {args.posters} operators posting every {args.post_every:.0f} s, on air every "
                f"{ON_AIR_EVERY:.0f} s, measured {args.duration:.0f} s after a {args.warmup:.0f} s warm-up; "
                f"gunicorn {args.workers} workers"
                + (f" x {args.threads} threads (gthread)" if args.threads > 1 else " (sync)")
                + ", DEBUG=0"
            )
            cpu_server, cpu_client, load = group_cpu_seconds(server.pid), time.process_time(), os.getloadavg()[0]
            asyncio.run(run.main())
            cpu_server = group_cpu_seconds(server.pid) - cpu_server
            cpu_client = time.process_time() - cpu_client
            stop_server(server)
            server = None
            report(run, args.duration)
            server_side(access_log, run.log_offset)
            print(
                f"\nCPU over the run: gunicorn {cpu_server / args.duration:.2f} cores, load generator "
                f"{cpu_client / args.duration:.2f} cores; machine load average at start {load:.1f} (2 cores, shared)"
            )
        exactly_once(run, data["conference_id"])
    finally:
        if server is not None:
            stop_server(server)
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
