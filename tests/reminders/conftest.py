"""A small province for reminder tests: Home Affairs, two answering agencies with officers, a Youth Union, one
conference. Wednesday 20/11/2024 is the pass day: no holiday within two weeks either side."""

from datetime import date
from types import SimpleNamespace

import pytest

from conferences.models import AgencyKind, ConferenceStatus, Role
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    ConferenceFactory,
    DistrictFactory,
    PetitionFactory,
    UnitFactory,
    make_user,
)

DAY = date(2024, 11, 20)


@pytest.fixture
def world(db):
    province = UnitFactory(name="Lạng Sơn")
    district = DistrictFactory(name="Tràng Định", parent=province)
    home_affairs_agency = AgencyFactory(name="Sở Nội vụ tỉnh", short_name="Sở Nội vụ", unit=province)
    labour = AgencyFactory(name="Sở Lao động tỉnh", short_name="Sở Lao động", unit=province)
    finance = AgencyFactory(name="Sở Tài chính tỉnh", short_name="Sở Tài chính", unit=province)
    provincial_union = AgencyFactory(
        name="Tỉnh đoàn Lạng Sơn", short_name="Tỉnh đoàn", unit=province, kind=AgencyKind.YOUTH_UNION
    )
    district_union = AgencyFactory(
        name="Huyện đoàn Tràng Định", short_name="Huyện đoàn Tràng Định", unit=district, kind=AgencyKind.YOUTH_UNION
    )
    conference = ConferenceFactory(
        organising_unit=province, year=2024, title="Hội nghị đối thoại tỉnh 2024", status=ConferenceStatus.ANSWERING
    )
    return SimpleNamespace(
        province=province,
        district=district,
        home_affairs_agency=home_affairs_agency,
        labour=labour,
        finance=finance,
        provincial_union=provincial_union,
        district_union=district_union,
        conference=conference,
        home_affairs=make_user(Role.HOME_AFFAIRS, home_affairs_agency),
        officer=make_user(Role.AGENCY_OFFICER, labour),
        officer2=make_user(Role.AGENCY_OFFICER, labour),
        finance_officer=make_user(Role.AGENCY_OFFICER, finance),
        union_staff=make_user(Role.YOUTH_UNION, provincial_union),
        district_union_staff=make_user(Role.YOUTH_UNION, district_union),
        leader=make_user(
            Role.LEADER, AgencyFactory(name="UBND tỉnh", unit=province, kind=AgencyKind.PEOPLES_COMMITTEE)
        ),
    )


@pytest.fixture
def assign(world):
    """assign(agency, due) -> an active Assignment of a new petition of the world's conference."""

    def _assign(agency, due: date, **kwargs):
        petition = PetitionFactory(conference=kwargs.pop("conference", world.conference))
        return AssignmentFactory(petition=petition, lead_agency=agency, due_date=due, **kwargs)

    return _assign


@pytest.fixture
def issued_notice(world):
    """issued_notice(conference=None) -> an issued conclusion notice (12/TB-UBND) of the conference."""
    from conclusions.models import ConclusionNotice, NoticeState

    def _notice(conference=None, **kwargs):
        conference = conference or world.conference
        return ConclusionNotice.objects.create(
            conference=conference,
            revision=kwargs.pop("revision", 1),
            issuing_agency=kwargs.pop("issuing_agency", world.home_affairs_agency),
            place="Lạng Sơn",
            title="Kết luận của Chủ tịch UBND tỉnh tại Hội nghị đối thoại với thanh niên",
            number=kwargs.pop("number", 12),
            number_year=conference.year,
            issue_date=kwargs.pop("issue_date", date(2024, 4, 5)),
            state=kwargs.pop("state", NoticeState.ISSUED),
            **kwargs,
        )

    return _notice


@pytest.fixture
def task(world, issued_notice):
    """task(agency, due_date=None, kind=FIXED_DATE, notice=None) -> a Directive of an issued notice."""
    from conclusions.models import Directive
    from conferences.deadlines import DeadlineRule

    default = []

    def _task(agency, due_date=None, *, kind=DeadlineRule.FIXED_DATE, notice=None, **kwargs):
        if notice is None:
            if not default:
                default.append(issued_notice())
            notice = default[0]
        position = notice.directives.count() + 1
        return Directive.objects.create(
            notice=notice,
            position=position,
            agency=agency,
            heading=kwargs.pop("heading", f"2.{position}. {agency}"),
            text=kwargs.pop("text", "Nghiên cứu, tham mưu cơ chế hỗ trợ vốn vay khởi nghiệp cho thanh niên."),
            deadline_kind=kind,
            due_date=due_date,
            **kwargs,
        )

    return _task
