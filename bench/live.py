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
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")
# One key for this process (which signs the operators' sessions) and the gunicorn it starts (which reads them).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from live_load import ACCESS_FORMAT, ON_AIR_EVERY, POLL_SECONDS, SLUG, Run, report, server_side  # noqa: E402

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
                f"\nCPU over the run (warm-up included): gunicorn {cpu_server / (args.warmup + args.duration):.2f} "
                f"cores, load generator {cpu_client / (args.warmup + args.duration):.2f} cores; machine load average "
                f"at start {load:.1f} (2 cores, shared)"
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
