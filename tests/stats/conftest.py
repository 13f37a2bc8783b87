"""A province with two districts, conferences over two years, assignments with known outcomes and tasks."""

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from conclusions.models import ConclusionNotice, Directive, DirectiveStatus, NoticeState
from conferences.deadlines import DeadlineRule
from conferences.models import AgencyKind, BridgePointKind, ConferenceLevel, ConferenceStatus, Role, UnitKind
from petitions.models import Answer, AnswerState, AssignmentStatus, Channel, PetitionStatus
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    BridgePointFactory,
    ConferenceFactory,
    IssueGroupFactory,
    PetitionFactory,
    UnitFactory,
    make_user,
)

TODAY = date(2024, 6, 3)  # a Monday


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


@dataclass
class StatsWorld:
    province: object
    district: object
    other_district: object
    conference: object
    conference_2023: object
    other_conference: object
    agency_a: object
    agency_b: object
    users: dict


def _conference(unit, year, slug, pc_agency):
    return ConferenceFactory(
        slug=slug,
        organising_unit=unit,
        organiser=pc_agency,
        year=year,
        level=ConferenceLevel.DISTRICT,
        status=ConferenceStatus.CONCLUDED,
        held_on=date(year, 3, 26),
        title=f"Hội nghị đối thoại {unit.name} năm {year}",
        chair_name="Nguyễn Văn Chủ",
    )


def assign(petition, agency, *, assigned: date, due: date, sent: date | None = None, state=AnswerState.SUBMITTED):
    assignment = AssignmentFactory(petition=petition, lead_agency=agency, due_date=due, assigned_at=at(assigned))
    if sent is not None:
        Answer.objects.create(
            petition=petition, assignment=assignment, agency=agency, text="Trả lời.", state=state, submitted_at=at(sent)
        )
        if state in (AnswerState.APPROVED, AnswerState.PUBLISHED):
            assignment.status = AssignmentStatus.ANSWERED
            assignment.save()
    return assignment


def build_stats_world() -> StatsWorld:
    province = UnitFactory(name="Tỉnh Thử", kind=UnitKind.PROVINCE, tier=1)
    district = UnitFactory(name="Huyện Một", kind=UnitKind.DISTRICT, tier=2, parent=province)
    other_district = UnitFactory(name="Huyện Hai", kind=UnitKind.DISTRICT, tier=2, parent=province)
    communes = [UnitFactory(name=f"Xã {n}", kind=UnitKind.COMMUNE, tier=3, parent=district) for n in ("Đông", "Tây")]
    pc_province = AgencyFactory(
        name="UBND tỉnh Thử", short_name="UBND tỉnh Thử", kind=AgencyKind.PEOPLES_COMMITTEE, unit=province
    )
    pc_district = AgencyFactory(
        name="UBND huyện Một", short_name="UBND huyện Một", kind=AgencyKind.PEOPLES_COMMITTEE, unit=district
    )
    pc_other = AgencyFactory(name="UBND huyện Hai", kind=AgencyKind.PEOPLES_COMMITTEE, unit=other_district)
    home_affairs = AgencyFactory(name="Phòng Nội vụ huyện Một", short_name="Phòng Nội vụ", unit=district)
    youth = AgencyFactory(name="Huyện đoàn Một", kind=AgencyKind.YOUTH_UNION, unit=district)
    agency_a = AgencyFactory(name="Phòng Nông nghiệp huyện Một", short_name="Phòng Nông nghiệp", unit=district)
    agency_b = AgencyFactory(name="Phòng Lao động huyện Một", short_name="Phòng Lao động", unit=district)
    other_home_affairs = AgencyFactory(name="Phòng Nội vụ huyện Hai", unit=other_district)

    conference = _conference(district, 2024, "huyen-mot-2024", pc_district)
    conference_2023 = _conference(district, 2023, "huyen-mot-2023", pc_district)
    other_conference = _conference(other_district, 2024, "huyen-hai-2024", pc_other)

    district_site = BridgePointFactory(
        conference=conference, unit=district, kind=BridgePointKind.DISTRICT, name="Huyện Một"
    )
    sites = [BridgePointFactory(conference=conference, unit=u, name=u.full_name) for u in communes]
    ocop = IssueGroupFactory(conference=conference, name="Sản phẩm OCOP", position=1)
    jobs = IssueGroupFactory(conference=conference, name="Việc làm", position=2)

    def petition(number, group, site, channel=Channel.FORM, status=PetitionStatus.FORWARDED):
        return PetitionFactory(
            conference=conference, number=number, issue_group=group, bridge_point=site, channel=channel, status=status
        )

    # Agency A: on time (5 working days), late (10 working days), overdue, pending.
    p1 = petition(1, ocop, sites[0], status=PetitionStatus.ANSWERED)
    assign(
        p1,
        agency_a,
        assigned=date(2024, 3, 4),
        due=date(2024, 3, 15),
        sent=date(2024, 3, 11),
        state=AnswerState.APPROVED,
    )
    p2 = petition(2, ocop, sites[0], status=PetitionStatus.PUBLISHED)
    assign(
        p2,
        agency_a,
        assigned=date(2024, 3, 4),
        due=date(2024, 3, 8),
        sent=date(2024, 3, 18),
        state=AnswerState.PUBLISHED,
    )
    assign(petition(3, ocop, sites[1]), agency_a, assigned=date(2024, 3, 4), due=date(2024, 5, 31))
    assign(petition(4, jobs, sites[1], Channel.SPOKEN), agency_a, assigned=date(2024, 5, 20), due=date(2024, 6, 14))
    # Agency B: one on time (3 working days), one draft answer past its due date (counts as overdue).
    p5 = petition(5, jobs, district_site, Channel.WEBSITE, status=PetitionStatus.ANSWERED)
    assign(
        p5,
        agency_b,
        assigned=date(2024, 3, 4),
        due=date(2024, 3, 15),
        sent=date(2024, 3, 7),
        state=AnswerState.APPROVED,
    )
    p6 = petition(6, jobs, district_site)
    assign(
        p6, agency_b, assigned=date(2024, 3, 4), due=date(2024, 3, 15), sent=date(2024, 3, 10), state=AnswerState.DRAFT
    )
    # Answered on the spot, no assignment: "no deadline" for the district People's Committee.
    p7 = petition(7, jobs, sites[0], Channel.SPOKEN, status=PetitionStatus.ANSWERED)
    Answer.objects.create(
        petition=p7,
        agency=pc_district,
        text="Trả lời tại hội nghị.",
        state=AnswerState.APPROVED,
        answered_at_conference=True,
    )
    # Merged duplicates are not counted anywhere.
    petition(8, jobs, sites[0], status=PetitionStatus.MERGED)
    notice = ConclusionNotice.objects.create(
        conference=conference,
        issuing_agency=pc_district,
        place="Một",
        title="Kết luận",
        state=NoticeState.ISSUED,
        number=5,
        number_year=2024,
        issue_date=date(2024, 4, 5),
        issued_at=at(date(2024, 4, 5)),
    )
    for position, (agency, status, due, kind) in enumerate(
        [
            (agency_a, DirectiveStatus.DONE, date(2024, 5, 1), DeadlineRule.FIXED_DATE),
            (agency_a, DirectiveStatus.IN_PROGRESS, date(2024, 5, 1), DeadlineRule.FIXED_DATE),  # overdue
            (agency_a, DirectiveStatus.OPEN, date(2024, 12, 31), DeadlineRule.END_OF_YEAR),
            (agency_b, DirectiveStatus.REPORTED_DONE, None, DeadlineRule.NEXT_CONFERENCE),
            (agency_b, DirectiveStatus.CANCELLED, date(2024, 5, 1), DeadlineRule.FIXED_DATE),
        ],
        start=1,
    ):
        Directive.objects.create(
            notice=notice,
            position=position,
            agency=agency,
            heading=str(agency),
            text=f"Nhiệm vụ {position} của {agency.short_name}",
            status=status,
            due_date=due,
            deadline_kind=kind,
        )
    # A draft notice's tasks do not exist yet.
    draft = ConclusionNotice.objects.create(
        conference=conference_2023, issuing_agency=pc_district, place="Một", title="Dự thảo", state=NoticeState.DRAFT
    )
    Directive.objects.create(
        notice=draft, agency=agency_a, heading="x", text="Nhiệm vụ dự thảo", due_date=date(2023, 5, 1)
    )
    # 2023: three petitions, two resolved.
    for n, status in enumerate([PetitionStatus.PUBLISHED, PetitionStatus.ANSWERED, PetitionStatus.FORWARDED], 1):
        PetitionFactory(conference=conference_2023, number=n, status=status)
    PetitionFactory(conference=other_conference, number=1, content="Kiến nghị của huyện Hai")

    users = {
        "home_affairs": make_user(Role.HOME_AFFAIRS, home_affairs),
        "leader": make_user(Role.LEADER, pc_province),
        "youth_union": make_user(Role.YOUTH_UNION, youth),
        "officer": make_user(Role.AGENCY_OFFICER, agency_a),
        "other_home_affairs": make_user(Role.HOME_AFFAIRS, other_home_affairs),
    }
    return StatsWorld(
        province, district, other_district, conference, conference_2023, other_conference, agency_a, agency_b, users
    )


@pytest.fixture
def world(db):
    return build_stats_world()


def add_answered_petitions(world: StatsWorld, count: int, start: int = 100) -> None:
    """More answered petitions spread over the groups, sites and both agencies (for query-count tests)."""
    groups = list(world.conference.issue_groups.all())
    sites = list(world.conference.bridge_points.all())
    for n in range(count):
        extra = PetitionFactory(
            conference=world.conference,
            number=start + n,
            issue_group=groups[n % len(groups)],
            bridge_point=sites[n % len(sites)],
            channel=Channel.values[n % len(Channel.values)],
            status=PetitionStatus.ANSWERED,
        )
        assign(
            extra,
            world.agency_a if n % 3 else world.agency_b,
            assigned=date(2024, 3, 4),
            due=date(2024, 3, 15),
            sent=date(2024, 3, 6 + n % 10),
            state=AnswerState.APPROVED,
        )
