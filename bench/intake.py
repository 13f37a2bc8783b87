"""Bench: petition intake at the size of a province (5,000-row import; lists of 100, 1,000 and 10,000 petitions).

    .venv/bin/python bench/intake.py                          # SQLite
    env DATABASE_URL=postgres://... .venv/bin/python bench/intake.py [--rows 5000] [--sizes 100,1000,10000]

Builds a scratch database (the test database machinery: created, then dropped) with the demo data (Lạng Sơn's
map, 206 sites of the 2024 conference, the demo personas). Then prints:
  1. the Excel import of N rows (default 5,000) as Home Affairs does it: read + check every row (preview) and the
     confirmation (one transaction), into an empty conference and again with 10,000 petitions already there
     (every row checked for duplicates against them), with the process's peak memory;
  2. the petition list page at each size for Home Affairs (whole conference) and a district Youth Union (its own
     sites), warm, median of 5: page time, query count, and next to it the time of the same SQL run bare
     (every query the page ran, re-executed through a cursor), plus the slowest single query;
  3. the same page with an unaccented search and with the agency/overdue filters;
  4. one similarity suggestion (what the form asks while typing) at each size.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SUBJECTS = [
    "hỗ trợ vốn vay khởi nghiệp",
    "đào tạo nghề cho thanh niên nông thôn",
    "tiêu thụ sản phẩm OCOP",
    "xây dựng nông thôn mới",
    "sân chơi, nhà văn hóa thôn",
    "chuyển đổi số trong sản xuất",
    "việc làm sau khi xuất ngũ",
    "du lịch cộng đồng",
]
PLACES = ["thôn Nà Pàn", "bản Khuổi Lầy", "khu Phố Mới", "thôn Bản Chắt", "xóm Đông", "thôn Pác Khuổi"]


def sentence(rng: random.Random, i: int) -> str:
    subject, other = rng.sample(SUBJECTS, 2)
    return (
        f"Đề nghị các cấp quan tâm {subject} cho đoàn viên thanh niên {rng.choice(PLACES)} (ý kiến {i}); "
        f"đồng thời có giải pháp về {other} để thanh niên yên tâm lập nghiệp ở quê hương?"
    )


def workbook(rows: int, sites: list[str], groups: list[str], rng: random.Random, offset: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Kiến nghị")
    sheet.append(["TT", "Nội dung kiến nghị", "Đơn vị kiến nghị", "Nhóm vấn đề", "Điểm cầu"])
    for i in range(rows):
        site = rng.choice(sites)
        sheet.append([str(i + 1), sentence(rng, offset + i), f"Đoàn {site}", rng.choice(groups), site])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def fill(conference, count: int, start: int, rng: random.Random) -> None:
    """Petitions written straight to the database (the list bench is about reading them)."""
    from conferences.text import fold
    from petitions.models import Petition

    sites = list(conference.bridge_points.all())
    groups = list(conference.issue_groups.all()) + [None]
    rows = []
    for i in range(count):
        text = sentence(rng, start + i)
        unit = f"Đoàn {rng.choice(PLACES)}"
        rows.append(
            Petition(
                conference=conference,
                number=start + i,
                content=text,
                submitting_unit=unit,
                search_text=fold(f"{text} {unit}"),
                bridge_point=rng.choice(sites),
                issue_group=rng.choice(groups),
            )
        )
    Petition.objects.bulk_create(rows, batch_size=2000)


def assign_some(conference, agencies, share: float, rng: random.Random) -> None:
    from conferences.deadlines import DeadlineRule
    from petitions.models import Assignment

    today = date.today()
    petitions = list(conference.petitions.filter(assignments__isnull=True).values_list("pk", flat=True))
    chosen = rng.sample(petitions, int(len(petitions) * share))
    Assignment.objects.bulk_create(
        Assignment(
            petition_id=pk,
            lead_agency=rng.choice(agencies),
            due_rule=DeadlineRule.FIXED_DATE,
            due_date=today + timedelta(days=rng.randint(-20, 30)),
        )
        for pk in chosen
    )


def timed(fn, repeat: int = 5):
    fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_figures(client: Client, url: str, params: dict | None = None) -> tuple[float, int, float, float]:
    """(page seconds, queries, bare SQL seconds of those queries, slowest single query seconds)."""
    page = timed(lambda: client.get(url, params or {}))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    queries = [q["sql"] for q in captured.captured_queries]
    bare_each = []

    def run(cursor, sql):
        cursor.execute(sql)
        if cursor.description is not None:
            cursor.fetchall()

    with connection.cursor() as cursor:
        for sql in queries:
            # Every statement the page ran, re-run as it was sent (parameters inlined), results fetched.
            if sql.lstrip().upper().startswith("DECLARE"):
                sql = sql.split(" FOR ", 1)[1]  # a server-side cursor: run its query directly
            bare_each.append(timed(lambda sql=sql: run(cursor, sql), repeat=3))
    return page, len(queries), sum(bare_each), max(bare_each)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(2024)

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = Path("/tmp") / f"bench-intake-media-{os.getpid()}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from django.contrib.auth import get_user_model

        from conferences.models import Agency, Conference
        from demo.loader import load_demo
        from petitions.models import Petition
        from petitions.services import intake
        from petitions.similarity import similar_petitions

        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        load_demo()
        print(f"Demo data loaded in {time.perf_counter() - started:.1f} s")
        users = {u.username: u for u in get_user_model().objects.all()}
        conference = Conference.objects.get(slug="lang-son-2024")
        from petitions.importing import site_labels

        site_names = site_labels(list(conference.bridge_points.select_related("unit__parent")))
        group_names = list(conference.issue_groups.values_list("name", flat=True))
        actor = users["noivu_tinh"]

        # 1. Import.
        print(f"\n1. Excel import of {args.rows:,} rows (Home Affairs, all 206 sites)")

        def run_import(label: str, offset: int) -> None:
            content = workbook(args.rows, site_names, group_names, rng, offset)
            from django.core.files.uploadedfile import SimpleUploadedFile

            upload = SimpleUploadedFile("danh-sach.xlsx", content)
            t0 = time.perf_counter()
            batch = intake.import_start(conference=conference, upload=upload, actor=actor, read_now=True)
            t1 = time.perf_counter()
            result = intake.import_confirm(batch=batch, actor=actor, expected_good=batch.report["counts"]["good"])
            t2 = time.perf_counter()
            assert result.imported == args.rows, (result, batch.report["counts"])
            print(
                f"   {label:<38} file {len(content) / 1024:,.0f} KB | preview (read + check) {t1 - t0:5.2f} s"
                f" | confirm (one transaction) {t2 - t1:5.2f} s | total {t2 - t0:5.2f} s"
            )

        run_import("into an empty conference", 0)
        Petition.objects.filter(conference=conference).delete()
        fill(conference, 10_000, 1, rng)
        run_import("with 10,000 petitions already there", 20_000)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"   peak memory of the process so far: {peak:,.0f} MB")
        Petition.objects.filter(conference=conference).delete()

        # 2.-4. Lists and suggestions.
        agencies = list(Agency.objects.answering()[:6])
        home_affairs, union = Client(), Client()
        home_affairs.force_login(users["noivu_tinh"])
        union.force_login(users["doan_trangdinh"])
        url = f"/kien-nghi/hoi-nghi/{conference.slug}/"
        print("\n2. Petition list page (50 a page, grouped by issue group; warm, median of 5)")
        print(f"   {'petitions':>9} | {'who':<22} | {'page':>8} | {'queries':>7} | {'bare SQL':>8} | {'slowest q':>9}")
        done = 0
        for size in sizes:
            fill(conference, size - done, done + 1, rng)
            done = size
            assign_some(conference, agencies, 0.3, rng)
            connection.cursor().execute("ANALYZE") if connection.vendor == "postgresql" else None
            for who, client in (("Home Affairs (all)", home_affairs), ("district Youth Union", union)):
                page, queries, bare, slowest = page_figures(client, url)
                print(
                    f"   {size:>9,} | {who:<22} | {page * 1000:6.1f}ms | {queries:>7} | {bare * 1000:6.1f}ms"
                    f" | {slowest * 1000:7.1f}ms"
                )
            search = page_figures(home_affairs, url, {"q": "khoi nghiep thon na pan"})
            filtered = page_figures(home_affairs, url, {"agency": agencies[0].pk, "overdue": "on"})
            print(
                f"   {size:>9,} | {'  search (unaccented)':<22} | {search[0] * 1000:6.1f}ms | {search[1]:>7}"
                f" | {search[2] * 1000:6.1f}ms | {search[3] * 1000:7.1f}ms"
            )
            print(
                f"   {size:>9,} | {'  agency + overdue':<22} | {filtered[0] * 1000:6.1f}ms | {filtered[1]:>7}"
                f" | {filtered[2] * 1000:6.1f}ms | {filtered[3] * 1000:7.1f}ms"
            )
            text = sentence(rng, 999_999)
            suggest = timed(
                lambda text=text: similar_petitions(Petition.objects.filter(conference=conference), text), repeat=3
            )
            print(f"   {size:>9,} | {'  similar suggestion':<22} | {suggest * 1000:6.1f}ms |")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
