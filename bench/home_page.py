"""Bench: the home page with 10,000 petitions in a 206-site conference, for every role (target: O(page size)).

    env DATABASE_URL=postgres://... .venv/bin/python bench/home_page.py [--petitions 10000]

Runs with DEBUG off (a throwaway SECRET_KEY, plain HTTP) on a scratch database (the test database machinery:
created, then dropped): the demo data (Lạng Sơn's map, the 2024 conference with its 206 sites, the personas), then
N petitions spread over the 2024 conference's sites, 30% of them assigned to an agency. Prints, per demo persona,
the page (warm, median of 5) and its query count, and the former counting query for comparison: both counts in one
aggregate with two LEFT JOINs (petitions x sites rows per conference), as the page ran it before issue 11.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SECURE_SSL_REDIRECT"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from conferences.models import Agency, Conference  # noqa: E402
from conferences.permissions import conferences_visible_to  # noqa: E402
from demo.loader import load_demo  # noqa: E402
from petitions.models import Assignment, Petition  # noqa: E402

DUE = date(2024, 3, 20)
STATIC_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"
PERSONAS = [
    ("noivu_tinh", "Home Affairs, province"),
    ("doan_tinh", "Youth Union, province"),
    ("doan_trangdinh", "Youth Union, district"),
    ("canbo_laodong", "agency officer"),
    ("lanhdao", "leader"),
    ("admin", "administrator"),
]


def fill(conference: Conference, count: int, rng: random.Random) -> None:
    sites = list(conference.bridge_points.all())
    groups = list(conference.issue_groups.all())
    Petition.objects.bulk_create(
        (
            Petition(
                conference=conference,
                number=i + 1,
                content=f"Đề nghị hỗ trợ thanh niên lập nghiệp (ý kiến thử số {i + 1})?",
                submitting_unit="Đoàn xã",
                search_text=f"de nghi ho tro thanh nien lap nghiep y kien thu so {i + 1}",
                bridge_point=rng.choice(sites),
                issue_group=rng.choice(groups),
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    agencies = list(Agency.objects.filter(code__in=["so-ldtbxh-lang-son", "so-gddt-lang-son", "so-tai-chinh-lang-son"]))
    chosen = rng.sample(list(conference.petitions.values_list("pk", flat=True)), int(count * 0.3))
    Assignment.objects.bulk_create(
        (
            Assignment(petition_id=pk, lead_agency=rng.choice(agencies), due_rule="fixed_date", due_date=DUE)
            for pk in chosen
        ),
        batch_size=2000,
    )


def median_seconds(fn, repeat: int = 5) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def former_counts(user) -> list:
    """The home page's counting query before issue 11: petitions x sites rows per conference, then DISTINCT."""
    return list(
        conferences_visible_to(user)
        .select_related("organising_unit")
        .annotate(
            petition_count=Count("petitions", filter=~Q(petitions__status="merged"), distinct=True),
            site_count=Count("bridge_points", distinct=True),
        )
        .order_by("-year", "title")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="page loads timed per persona (after one warm-up)")
    parser.add_argument("--skip-former", action="store_true", help="do not time the former aggregate")
    args = parser.parse_args()
    setup_test_environment()
    # The pages' asset links only: the manifest that `collectstatic` writes for production is not needed here.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": STATIC_STORAGE}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    db = settings.DATABASES["default"]
    db.setdefault("TEST", {})["NAME"] = (db["NAME"] + "_bench") if connection.vendor == "postgresql" else None
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        load_demo()
        conference = Conference.objects.get(slug="lang-son-2024")
        fill(conference, args.petitions, random.Random(2024))
        if connection.vendor == "postgresql":
            connection.cursor().execute("ANALYZE")
        print(f"Database: {connection.vendor}; DEBUG={settings.DEBUG}")
        print(
            f"Data: {Petition.objects.count():,} petitions ({args.petitions:,} in {conference.slug}, "
            f"{conference.bridge_points.count()} sites), {Conference.objects.count()} conferences"
        )
        print(f"{'persona':<40} | {'page':>9} | {'queries':>7} | {'former counting query':>21}")
        users = {u.username: u for u in get_user_model().objects.filter(username__in=[p for p, _ in PERSONAS])}
        for username, label in PERSONAS:
            client = Client()
            client.force_login(users[username])
            page = median_seconds(lambda client=client: client.get("/"), args.repeat)
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/").status_code == 200
            former = (
                "" if args.skip_former else f"{median_seconds(lambda u=users[username]: former_counts(u), 3):8.3f} s"
            )
            print(f"{username + ' (' + label + ')':<40} | {page:7.3f} s | {len(captured):>7} | {former:>21}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
