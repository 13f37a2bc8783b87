"""Bench: the answering journey at the size of a big province (defaults: 2,000 petitions, 40 agencies).

    .venv/bin/python bench/answering.py [--petitions 2000] [--agencies 40]
    env DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/answering.py

Builds a scratch database (the test database machinery: created, then dropped), one province with Home Affairs,
N agencies with one officer each, one conference with the petitions, every petition assigned (45 working days from
12/04/2024) and a third of them answered and submitted. Then prints:
  1. deadline arithmetic: microseconds per add_working_days(…, 45) and per Civil Code calendar-day limit,
  2. recomputing every open deadline after an override changes (what the admin triggers),
  3. pages as users open them (Django test client, warm): the largest officer inbox, the Home Affairs board,
     the review queue and the dashboard, with their query counts.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def build(n_petitions: int, n_agencies: int):
    from conferences.deadlines import DeadlineRule
    from conferences.models import AdministrativeUnit, Agency, Conference, IssueGroup, Membership, Role, UnitKind
    from petitions.models import Answer, AnswerRevision, AnswerState, Assignment, Petition, RevisionAction
    from tests.factories import UserFactory

    province = AdministrativeUnit.objects.create(name="Lạng Sơn", kind=UnitKind.PROVINCE, tier=1)
    home_affairs = Agency.objects.create(code="snv", name="Sở Nội vụ", unit=province)
    password = "Mat-khau-bench-1"
    ha = UserFactory(username="noivu", password=password)
    Membership.objects.create(user=ha, agency=home_affairs, role=Role.HOME_AFFAIRS)
    agencies, officers = [], []
    for i in range(n_agencies):
        agency = Agency.objects.create(code=f"so-{i}", name=f"Sở chuyên ngành {i}", short_name=f"Sở {i}", unit=province)
        officer = UserFactory(username=f"canbo{i}", password=password)
        Membership.objects.create(user=officer, agency=agency, role=Role.AGENCY_OFFICER)
        agencies.append(agency)
        officers.append(officer)
    conference = Conference.objects.create(
        slug="bench", organising_unit=province, level="province", year=2024, title="Hội nghị bench",
        planned_date=date(2024, 3, 26),
    )  # fmt: skip
    groups = [IssueGroup.objects.create(conference=conference, name=f"Nhóm {g}", position=g) for g in range(8)]
    petitions = Petition.objects.bulk_create(
        Petition(
            conference=conference, number=n + 1, issue_group=groups[n % 8], submitting_unit=f"Bí thư Đoàn xã {n % 200}",
            content=f"Đề nghị hỗ trợ thanh niên khởi nghiệp, đào tạo nghề và việc làm số {n + 1}?",
            search_text=f"de nghi ho tro thanh nien khoi nghiep dao tao nghe va viec lam so {n + 1}",
            status="forwarded",
        )
        for n in range(n_petitions)
    )  # fmt: skip

    # The biggest inbox gets a quarter of everything; the rest spread evenly.
    def agency_for(n):
        return agencies[0] if n % 4 == 0 else agencies[1 + n % (len(agencies) - 1)]

    from conferences import workdays

    deadline = workdays.add_working_days(date(2024, 4, 12), 45)
    assignments = Assignment.objects.bulk_create(
        Assignment(
            petition=p, lead_agency=agency_for(i), stage="after", due_rule=DeadlineRule.WORKING_DAYS, due_rule_count=45,
            due_rule_base=date(2024, 4, 12), due_date=deadline.due, due_explanation=deadline.explanation,
            assigned_by=ha,
        )
        for i, p in enumerate(petitions)
    )  # fmt: skip
    answers = Answer.objects.bulk_create(
        Answer(
            petition=a.petition, assignment=a, agency=a.lead_agency, state=AnswerState.SUBMITTED, version=2,
            text="* Về vốn: nội dung trả lời.\n- ý một\n- ý hai\nĐoạn kết luận.", author=officers[0],
        )
        for i, a in enumerate(assignments)
        if i % 3 == 0
    )  # fmt: skip
    AnswerRevision.objects.bulk_create(
        AnswerRevision(answer=a, version=2, text=a.text, state=a.state, action=RevisionAction.SUBMITTED)
        for a in answers
    )
    return conference, ha, officers[0]


def timed(run, repeat: int = 1):
    start = time.perf_counter()
    for _ in range(repeat):
        result = run()
    return result, (time.perf_counter() - start) / repeat


def page(client, url):
    client.get(url)  # warm: session, calendar cache
    with CaptureQueriesContext(connection) as queries:
        response, seconds = timed(lambda: client.get(url))
    assert response.status_code == 200, (url, response.status_code)
    return seconds, len(queries), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=2000)
    parser.add_argument("--agencies", type=int, default=40)
    args = parser.parse_args()

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # building users, not a measure
    settings.ALLOWED_HOSTS = ["testserver"]
    db = settings.DATABASES["default"]
    db.setdefault("TEST", {})["NAME"] = (db["NAME"] + "_bench") if connection.vendor == "postgresql" else None
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from django.test import Client
        from django.urls import reverse

        from conferences import workdays
        from petitions.services.answering import assignments_recompute_deadlines

        (conference, ha, officer), build_s = timed(lambda: build(args.petitions, args.agencies))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would after a bulk load: plans on real statistics
        print(f"Database: {connection.vendor}; {args.petitions} petitions, {args.agencies} agencies, all assigned, "
              f"a third submitted (built in {build_s:.1f} s)")  # fmt: skip

        workdays.invalidate()
        calendar = workdays.current_calendar()
        _, wd = timed(lambda: calendar.add_working_days(date(2024, 4, 12), 45), repeat=2000)
        _, cd = timed(lambda: calendar.add_calendar_days(date(2023, 3, 23), 10), repeat=2000)
        _, api = timed(lambda: workdays.add_working_days(date(2024, 4, 12), 45), repeat=500)
        print(f"Deadlines: 45 working days {wd * 1e6:.0f} µs, 10 calendar days {cd * 1e6:.0f} µs on one calendar "
              f"snapshot; {api * 1e6:.0f} µs through the public API (reads the cached override table)")  # fmt: skip

        from conferences.models import CalendarOverride

        CalendarOverride.objects.create(date=date(2024, 5, 20), kind="day_off", reason="bench")
        changes, recompute_s = timed(lambda: assignments_recompute_deadlines(actor=ha, reason="bench"))
        print(f"Override added: {len(changes)} open deadlines recomputed and audited in {recompute_s:.2f} s")

        client = Client()
        client.force_login(officer)
        inbox = page(client, reverse("petitions:inbox") + "?tab=all")
        client.force_login(ha)
        board = page(client, reverse("petitions:assignment_board", kwargs={"slug": conference.slug}))
        review = page(client, reverse("petitions:review_queue"))
        dashboard = page(client, reverse("petitions:answering_dashboard") + f"?hoi_nghi={conference.slug}")
        biggest = args.petitions // 4
        for label, (seconds, queries, size) in [
            (f"Officer inbox ({biggest} rows)", inbox),
            (f"Home Affairs board ({args.petitions} petitions)", board),
            (f"Review queue ({args.petitions // 3 + 1} waiting)", review),
            ("Dashboard", dashboard),
        ]:
            print(f"{label}: {seconds * 1000:.0f} ms, {queries} queries, {size // 1024} KiB")
        print(f"Peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        return 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
