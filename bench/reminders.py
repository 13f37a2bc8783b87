"""Bench: one reminder pass over 10,000 open assignments across 50 agencies (target: under 10 s, one worker).

    .venv/bin/python bench/reminders.py [--assignments 10000] [--agencies 50] [--officers 2]
    env DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/reminders.py

Builds a scratch database (the test database machinery: created, then dropped), one province with Home Affairs and
N answering agencies with their officers, one conference and the assignments, due dates spread evenly from 30
working days overdue to 10 working days ahead of the pass day. Then times, in this process (= one worker running
the task body):
  1. the first pass of the day (every item in its window is new),
  2. the same pass again (beat firing twice: must write nothing),
  3. the next working day's pass (only items whose stage moved),
and counts the emails produced (one digest per person), then times delivering those digests through the outbox
(claim, render, send to Django's in-memory backend). Send tasks are published to the configured broker and purged
afterwards.
"""

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
from django.test.utils import setup_test_environment  # noqa: E402

PASS_DAY = date(2024, 11, 20)  # a Wednesday with no holiday within 6 weeks either side


def build(n_assignments: int, n_agencies: int, officers_per_agency: int) -> None:
    from django.contrib.auth import get_user_model

    from conferences.deadlines import DeadlineRule
    from conferences.models import AdministrativeUnit, Agency, AgencyKind, Conference, ConferenceLevel, Membership, Role
    from conferences.workdays import current_calendar
    from petitions.models import Assignment, Petition

    User = get_user_model()
    province = AdministrativeUnit.objects.create(name="Lạng Sơn", kind="tinh", tier=1)
    home_affairs = Agency.objects.create(code="so-noi-vu", name="Sở Nội vụ", unit=province)
    agencies = Agency.objects.bulk_create(
        Agency(code=f"so-{i}", name=f"Sở thử nghiệm số {i}", short_name=f"Sở {i}", unit=province,
               kind=AgencyKind.DEPARTMENT)
        for i in range(n_agencies)
    )  # fmt: skip
    people = [(f"noivu{i}", home_affairs, Role.HOME_AFFAIRS) for i in range(2)]
    people += [(f"canbo{a.pk}_{k}", a, Role.AGENCY_OFFICER) for a in agencies for k in range(officers_per_agency)]
    users = User.objects.bulk_create(
        User(username=name, email=f"{name}@bench.gov.vn", first_name="Thử", last_name="Nguyễn")
        for name, _agency, _role in people
    )
    Membership.objects.bulk_create(
        Membership(user=user, agency=agency, role=role)
        for user, (_name, agency, role) in zip(users, people, strict=True)
    )
    conference = Conference.objects.create(
        slug="bench-2024", organising_unit=province, organiser=home_affairs, level=ConferenceLevel.PROVINCE,
        year=2024, title="Hội nghị đối thoại thử tải 2024",
    )  # fmt: skip
    petitions = Petition.objects.bulk_create(
        Petition(conference=conference, number=i + 1, content=f"Kiến nghị thử tải số {i + 1}?",
                 submitting_unit="Đoàn xã thử", search_text=f"kien nghi thu tai so {i + 1}")
        for i in range(n_assignments)
    )  # fmt: skip
    calendar = current_calendar()
    offsets = list(range(-30, 11))  # working days relative to the pass day
    due_dates = [calendar.add_working_days(PASS_DAY, k).due if k else PASS_DAY for k in offsets]
    Assignment.objects.bulk_create(
        Assignment(petition=p, lead_agency=agencies[i % n_agencies], due_rule=DeadlineRule.FIXED_DATE,
                   due_date=due_dates[i % len(due_dates)])
        for i, p in enumerate(petitions)
    )  # fmt: skip


def timed(label: str, run):
    started = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - started
    return result, elapsed, label


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=10_000)
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--officers", type=int, default=2, help="officers per agency")
    args = parser.parse_args()

    setup_test_environment()  # in-memory email backend
    from dialogue_portal.celery import app

    app.conf.task_always_eager = False  # publish like the web and the worker do, never send in-process
    db = settings.DATABASES["default"]
    db.setdefault("TEST", {})["NAME"] = (db["NAME"] + "_bench") if connection.vendor == "postgresql" else None
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from django.core import mail

        from conferences.models import Notification, OutgoingEmail, ReminderRecord
        from conferences.notifications import outbox
        from conferences.notifications.reminders import run_pass

        _, build_s, _ = timed("build", lambda: build(args.assignments, args.agencies, args.officers))
        first, first_s, _ = timed("first", lambda: run_pass(day=PASS_DAY))
        again, again_s, _ = timed("again", lambda: run_pass(day=PASS_DAY))
        next_day, next_s, _ = timed("next", lambda: run_pass(day=date(2024, 11, 21)))
        digests = OutgoingEmail.objects.filter(kind="digest")
        people = first.outcomes
        mail.outbox = []
        pks = list(digests.values_list("pk", flat=True))
        _, deliver_s, _ = timed("deliver", lambda: [outbox.deliver(pk) for pk in pks])
        largest = max((len(o.reminders) for o in people), default=0)
        sizes = sorted(len(m.body) + sum(len(a[0]) for a in m.alternatives) for m in mail.outbox)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        print(f"Database: {connection.vendor}; broker: {settings.CELERY_BROKER_URL.split('@')[-1]}")
        print(f"Data: {args.assignments} open assignments, {args.agencies} agencies x {args.officers} officers, "
              f"2 Home Affairs staff; due 30 working days late to 10 ahead (built in {build_s:.1f} s)")  # fmt: skip
        print(f"First pass {PASS_DAY:%d/%m/%Y}: {first_s:.2f} s (target < 10 s) – {first.candidates} candidate "
              f"reminders, {first.reminders} new, {len(people)} people, {first.emails} digest emails "
              f"(one per person), largest digest {largest} items")  # fmt: skip
        print(f"  by group: {dict(sorted(first.by_group().items()))}")
        print(f"Same pass again (beat fired twice): {again_s:.2f} s – {again.reminders} new reminders, "
              f"{again.emails} emails")  # fmt: skip
        print(f"Next working day 21/11/2024: {next_s:.2f} s – {next_day.reminders} new reminders, "
              f"{next_day.emails} emails")  # fmt: skip
        print(f"Rows: {OutgoingEmail.objects.count()} outbox, {Notification.objects.count()} notifications, "
              f"{ReminderRecord.objects.count()} reminder records")  # fmt: skip
        print(f"Delivering the {len(pks)} digests through the outbox (in-memory backend): {deliver_s:.2f} s; "
              f"message size median {sizes[len(sizes) // 2] // 1024 if sizes else 0} KiB, "
              f"max {sizes[-1] // 1024 if sizes else 0} KiB")  # fmt: skip
        print(f"Peak memory of this process: {peak_mb:.0f} MB")
        ok = first_s < 10 and again.emails == 0 and first.emails == len(people)
        print("RESULT:", "OK" if ok else "OVER TARGET")
        return 0 if ok else 1
    finally:
        if settings.REDIS_URL:
            from kombu import Connection

            with Connection(settings.CELERY_BROKER_URL) as conn:
                conn.default_channel.queue_purge("notifications")
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
