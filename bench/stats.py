"""Bench: statistics, public pages and the yearly report at the size of a big province.

    .venv/bin/python bench/stats.py [--petitions 600] [--years 4] [--agencies 25]
    env DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/stats.py
    .venv/bin/python bench/stats.py --keep   # build into the configured database instead (for screenshots)

Builds a scratch database (the test database machinery: created, then dropped) with one province, 11 districts of
20 communes, N agencies, one provincial conference per year with a site per unit (232 sites), the petitions of each
year spread over 8 issue groups, four channels and the sites, nearly all assigned (30 working days), most answered
after a random number of working days (some late, some still open), published, and an issued notice with 30 tasks.
Then prints, warm, with their query counts: the conference statistics page and its XLSX export, the unit's
year-over-year page, the public list and a public search, and the time to render the yearly report as PDF and DOCX.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

GROUPS = [
    "Giải pháp, cơ chế hỗ trợ vốn",
    "Đào tạo nghề, hướng nghiệp, giải quyết việc làm",
    "Khởi nghiệp, lập nghiệp, phát triển kinh tế",
    "Sản phẩm OCOP, tiêu thụ sản phẩm, xây dựng thương hiệu",
    "Xây dựng nông thôn mới",
    "Giáo dục, phát triển kỹ năng, đời sống văn hóa, tinh thần",
    "Chuyển đổi số, du lịch, quảng bá địa phương",
    "Tổ chức Đoàn, Hội; Đoàn tham gia xây dựng Đảng, chính quyền",
]
DEPARTMENTS = [
    "Sở Tài chính", "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Sở Công Thương", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Xây dựng", "Sở Tư pháp",
    "Chi nhánh NHCSXH tỉnh", "Tỉnh đoàn", "Sở Dân tộc và Tôn giáo", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
]  # fmt: skip


def build(*, n_petitions: int, years: int, n_agencies: int, seed: int = 7):
    from django.utils import timezone

    from conclusions.models import ConclusionNotice, Directive, DirectiveStatus, NoticeState
    from conferences import workdays
    from conferences.deadlines import DeadlineRule
    from conferences.models import (
        AdministrativeUnit,
        Agency,
        AgencyKind,
        BridgePoint,
        BridgePointKind,
        Conference,
        ConferenceStatus,
        IssueGroup,
        Membership,
        Role,
        UnitKind,
    )
    from conferences.text import fold
    from petitions.models import Answer, AnswerState, Assignment, AssignmentStatus, Channel, Petition
    from tests.factories import UserFactory

    rng = random.Random(seed)
    calendar = workdays.current_calendar()

    def aware(day):
        return timezone.make_aware(datetime.combine(day, dtime(9, 0)))

    province = AdministrativeUnit.objects.create(name="Lạng Sơn", kind=UnitKind.PROVINCE, tier=1)
    units = [province]
    for d in range(11):
        district = AdministrativeUnit.objects.create(
            name=f"Huyện {d + 1:02d}", kind=UnitKind.DISTRICT, tier=2, parent=province
        )
        units.append(district)
        for c in range(20):
            units.append(
                AdministrativeUnit.objects.create(
                    name=f"Xã {d + 1:02d}-{c + 1:02d}", kind=UnitKind.COMMUNE, tier=3, parent=district
                )
            )
    committee = Agency.objects.create(
        code="ubnd", name="Ủy ban nhân dân tỉnh Lạng Sơn", short_name="UBND tỉnh", kind="ubnd", unit=province
    )
    home_affairs = Agency.objects.create(code="snv", name="Sở Nội vụ tỉnh Lạng Sơn", short_name="Sở Nội vụ",
                                         unit=province)  # fmt: skip
    Agency.objects.create(code="td", name="Tỉnh đoàn Lạng Sơn", kind=AgencyKind.YOUTH_UNION, unit=province)
    agencies = [home_affairs] + [
        Agency.objects.create(
            code=f"so-{i}",
            name=f"{DEPARTMENTS[i % len(DEPARTMENTS)]}{'' if i < len(DEPARTMENTS) else f' ({i})'}",
            unit=province,
        )
        for i in range(n_agencies - 1)
    ]
    password = "Mat-khau-bench-1"
    user = UserFactory(username="noivu", password=password, first_name="Lan", last_name="Trần Thị")
    Membership.objects.create(user=user, agency=home_affairs, role=Role.HOME_AFFAIRS)

    conferences = []
    first_year = 2026 - years
    for year in range(first_year, first_year + years):
        held = date(year, 3, 26)
        conference = Conference.objects.create(
            slug=f"lang-son-{year}", organising_unit=province, organiser=committee, level="province", year=year,
            title=f"Hội nghị đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lạng Sơn năm {year}",
            theme="Thanh niên khởi nghiệp, lập nghiệp", held_on=held, status=ConferenceStatus.CONCLUDED,
            chair_name="Hồ Tiến Thiệu",
        )  # fmt: skip
        kinds = {1: BridgePointKind.PROVINCIAL, 2: BridgePointKind.DISTRICT, 3: BridgePointKind.COMMUNE}
        sites = BridgePoint.objects.bulk_create(
            BridgePoint(conference=conference, unit=u, name=u.full_name, kind=kinds[u.tier], position=i)
            for i, u in enumerate(units)
        )
        groups = [IssueGroup.objects.create(conference=conference, name=g, position=i) for i, g in enumerate(GROUPS)]
        count = int(n_petitions * (0.8 + 0.1 * (year - first_year)))
        published_at = aware(held.replace(month=4, day=20))
        channels = [Channel.FORM] * 6 + [Channel.SPOKEN] * 2 + [Channel.WEBSITE, Channel.MEDIA]
        rows = []
        for n in range(count):
            content = (
                f"Đề nghị hỗ trợ vốn vay ưu đãi cho thanh niên khởi nghiệp số {n + 1}?"
                if n % 7 == 0
                else f"Đề nghị tỉnh quan tâm đào tạo nghề, việc làm cho thanh niên nông thôn số {n + 1}?"
            )
            rows.append(
                Petition(
                    conference=conference,
                    number=n + 1,
                    content=content,
                    submitting_unit="Bí thư Đoàn xã",
                    bridge_point=sites[
                        min(int(rng.paretovariate(1.2)) - 1, len(sites) - 1) if n % 3 else rng.randrange(len(sites))
                    ],
                    issue_group=groups[min(int(rng.expovariate(0.35)), len(groups) - 1)],
                    channel=rng.choice(channels),
                    status="published",
                    published_at=published_at,
                    submitter_name="Người kiến nghị",
                    search_text=fold(content + " Bí thư Đoàn xã"),
                )  # fmt: skip
            )
        petitions = Petition.objects.bulk_create(rows)
        assigned_on = date(year, 3, 12)
        due = calendar.add_working_days(assigned_on, 30).due
        today = date.today()
        assignments, answers = [], []
        for p in petitions:
            if rng.random() < 0.08:
                continue  # answered on the spot, no assignment
            lag = int(rng.lognormvariate(3.0, 0.5))
            sent = calendar.add_working_days(assigned_on, lag).due
            answered = sent <= today and rng.random() < 0.93
            assignments.append(
                Assignment(
                    petition=p,
                    lead_agency=agencies[min(int(rng.expovariate(0.15)), len(agencies) - 1)],
                    stage="after",
                    due_rule=DeadlineRule.WORKING_DAYS,
                    due_rule_count=30,
                    due_rule_base=assigned_on,
                    due_date=due,
                    assigned_at=aware(assigned_on),
                    status=AssignmentStatus.ANSWERED if answered else AssignmentStatus.ACTIVE,
                )  # fmt: skip
            )
            answers.append((answered, sent))
        assignments = Assignment.objects.bulk_create(assignments)
        Answer.objects.bulk_create(
            Answer(
                petition_id=a.petition_id, assignment=a, agency_id=a.lead_agency_id, text="Nội dung trả lời.",
                state=AnswerState.PUBLISHED, submitted_at=aware(sent), published_at=published_at,
            )
            for a, (answered, sent) in zip(assignments, answers, strict=True)
            if answered
        )  # fmt: skip
        assigned = {a.petition_id for a in assignments}
        Answer.objects.bulk_create(
            Answer(petition=p, agency=committee, text="Trả lời tại hội nghị.", state=AnswerState.PUBLISHED,
                   answered_at_conference=True, published_at=published_at)
            for p in petitions
            if p.pk not in assigned
        )  # fmt: skip
        open_ids = [a.petition_id for a, (answered, _) in zip(assignments, answers, strict=True) if not answered]
        Petition.objects.filter(pk__in=open_ids).update(status="forwarded", published_at=None)
        notice = ConclusionNotice.objects.create(
            conference=conference, issuing_agency=committee, place="Lạng Sơn", title="Kết luận", number=100 + year,
            number_year=year, issue_date=date(year, 4, 12), issued_at=aware(date(year, 4, 12)),
            state=NoticeState.ISSUED, published_at=published_at,
        )  # fmt: skip
        statuses = [DirectiveStatus.DONE] * 5 + [DirectiveStatus.IN_PROGRESS, DirectiveStatus.OPEN]
        Directive.objects.bulk_create(
            Directive(
                notice=notice, position=i, agency=agencies[i % len(agencies)], heading="Nhiệm vụ",
                text=f"Triển khai nội dung kết luận số {i}", deadline_kind=DeadlineRule.FIXED_DATE,
                due_date=date(year, 6 + i % 7, 28),
                status=rng.choice(statuses) if year < first_year + years - 1 else rng.choice(statuses[4:]),
            )
            for i in range(30)
        )  # fmt: skip
        conferences.append(conference)
    return province, conferences, user


def timed(run, repeat: int = 1):
    start = time.perf_counter()
    for _ in range(repeat):
        result = run()
    return result, (time.perf_counter() - start) / repeat


def page(client, url, **params):
    client.get(url, params)  # warm: session, calendar cache
    with CaptureQueriesContext(connection) as queries:
        response, seconds = timed(lambda: client.get(url, params), repeat=3)
    assert response.status_code == 200, (url, response.status_code)
    return seconds, len(queries) // 3, len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=600, help="petitions of the first year (+10%% a year)")
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--agencies", type=int, default=25)
    parser.add_argument("--keep", action="store_true", help="build into the configured database and stop")
    args = parser.parse_args()
    if args.keep:
        build(n_petitions=args.petitions, years=args.years, n_agencies=args.agencies)
        print("Built into the configured database; sign in as noivu / Mat-khau-bench-1")
        return 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # building users, not a measure

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    db = settings.DATABASES["default"]
    db.setdefault("TEST", {})["NAME"] = (db["NAME"] + "_bench") if connection.vendor == "postgresql" else None
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from conclusions.stats.report.figures import build_yearly_report
        from conclusions.stats.report.writers import YearlyReportPdf
        from conclusions.stats.report.writers import render as render_report
        from petitions.models import Petition

        (province, conferences, user), build_s = timed(
            lambda: build(n_petitions=args.petitions, years=args.years, n_agencies=args.agencies)
        )
        total = Petition.objects.count()
        print(f"Database: {connection.vendor}; {len(conferences)} yearly conferences, {total} petitions, 232 sites, "
              f"{args.agencies} agencies (built in {build_s:.1f} s)")  # fmt: skip

        client = Client()
        client.force_login(user)
        latest = conferences[-1]
        rows = [
            (f"Conference statistics ({latest.petitions.count()} petitions)",
             page(client, reverse("conclusions:stats_conference", args=[latest.slug]))),
            ("  its XLSX export (all tables)",
             page(client, reverse("conclusions:stats_conference_export", args=[latest.slug]))),
            (f"Year over year ({total} petitions)", page(client, reverse("conclusions:stats_overview"))),
            ("  its XLSX export", page(client, reverse("conclusions:stats_overview_export"))),
        ]  # fmt: skip
        client.logout()
        rows += [
            ("Public list", page(client, reverse("public:conference_list"))),
            (
                f"Public conference page (page 1, {latest.petitions.filter(status='published').count()} published)",
                page(client, reverse("public:conference", args=[latest.slug])),
            ),
            ('Public search "von vay"', page(client, reverse("public:conference", args=[latest.slug]), q="von vay")),
        ]
        for label, (seconds, queries, size) in rows:
            print(f"{label}: {seconds * 1000:.0f} ms, {queries} queries, {size // 1024} KiB")

        today = timezone.localdate()
        report, build_report_s = timed(lambda: build_yearly_report(unit=province, year=latest.year, today=today))
        with CaptureQueriesContext(connection) as queries:
            build_yearly_report(unit=province, year=latest.year, today=today)
        writer = YearlyReportPdf(report)
        pdf, pdf_s = timed(writer.render)
        docx, docx_s = timed(lambda: render_report(report, "docx")[0])
        print(f"Yearly report {latest.year}: figures {build_report_s * 1000:.0f} ms ({len(queries)} queries); "
              f"PDF {pdf_s:.2f} s, {writer.page_count} pages, {len(pdf) // 1024} KiB; "
              f"DOCX {docx_s:.2f} s, {len(docx) // 1024} KiB")  # fmt: skip
        print(f"Peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        return 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
