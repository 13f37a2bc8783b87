"""A small world for the answering journey: two provinces, Home Affairs, officers of several agencies, a leader,
a Youth Union, and an agency whose head approves answers. Built with factories (fast); the browser test uses the
demo data instead."""

from datetime import date
from types import SimpleNamespace

import pytest

from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.models import Role
from petitions.models import AnswerState, AssignmentStage
from petitions.services.answering import answer_save, assignment_create
from tests.factories import (
    AgencyFactory,
    ConferenceFactory,
    IssueGroupFactory,
    PetitionFactory,
    UnitFactory,
    make_user,
)


@pytest.fixture
def world(db, settings):
    province = UnitFactory(name="Lạng Sơn")
    other_province = UnitFactory(name="Cao Bằng")
    w = SimpleNamespace()
    w.province, w.other_province = province, other_province
    w.home_affairs_agency = AgencyFactory(name="Sở Nội vụ tỉnh Lạng Sơn", short_name="Sở Nội vụ", unit=province)
    w.labour = AgencyFactory(name="Sở Lao động - Thương binh và Xã hội", short_name="Sở LĐTBXH", unit=province)
    w.education = AgencyFactory(name="Sở Giáo dục và Đào tạo", short_name="Sở GDĐT", unit=province)
    w.agriculture = AgencyFactory(
        name="Sở Nông nghiệp", short_name="Sở Nông nghiệp", unit=province, requires_head_approval=True
    )
    w.youth_agency = AgencyFactory(name="Tỉnh đoàn Lạng Sơn", kind="youth_union", unit=province)
    w.leader_agency = AgencyFactory(name="UBND tỉnh Lạng Sơn", kind="ubnd", unit=province)
    w.other_home_affairs_agency = AgencyFactory(name="Sở Nội vụ tỉnh Cao Bằng", unit=other_province)
    w.other_agency = AgencyFactory(name="Sở LĐTBXH Cao Bằng", unit=other_province)

    w.ha = make_user(Role.HOME_AFFAIRS, w.home_affairs_agency)
    w.officer = make_user(Role.AGENCY_OFFICER, w.labour)
    w.colleague = make_user(Role.AGENCY_OFFICER, w.labour)
    w.officer_education = make_user(Role.AGENCY_OFFICER, w.education)
    w.officer_agriculture = make_user(Role.AGENCY_OFFICER, w.agriculture)
    w.head_agriculture = make_user(Role.AGENCY_OFFICER, w.agriculture, is_head=True)
    w.leader = make_user(Role.LEADER, w.leader_agency)
    w.youth = make_user(Role.YOUTH_UNION, w.youth_agency)
    w.ha_other = make_user(Role.HOME_AFFAIRS, w.other_home_affairs_agency)
    w.officer_other = make_user(Role.AGENCY_OFFICER, w.other_agency)

    w.conference = ConferenceFactory(
        organising_unit=province, year=2024, planned_date=date(2024, 3, 26), slug="lang-son-2024"
    )
    w.other_conference = ConferenceFactory(organising_unit=other_province, year=2024, slug="cao-bang-2024")
    w.group = IssueGroupFactory(conference=w.conference, name="Việc làm")
    w.petitions = [
        PetitionFactory(conference=w.conference, number=n, issue_group=w.group, content=content)
        for n, content in enumerate(
            [
                "Đề nghị hỗ trợ vốn vay khởi nghiệp cho thanh niên?",
                "Tỉnh có chính sách đào tạo nghề cho thanh niên nông thôn không?",
                "Đề nghị mở thêm lớp tin học cho đoàn viên?",
            ],
            start=1,
        )
    ]
    w.other_petition = PetitionFactory(conference=w.other_conference, number=1)
    return w


def assign(world, petition, agency, *, due=None, stage=AssignmentStage.AFTER_CONFERENCE, **kwargs):
    return assignment_create(
        petition=petition,
        lead_agency=agency,
        due=due or DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2024, 3, 20)),
        stage=stage,
        actor=world.ha,
        **kwargs,
    )


def submitted(world, assignment, officer, text="* Về vốn: nội dung trả lời.\n- ý một"):
    return answer_save(assignment=assignment, text=text, version=0, actor=officer, submit=True)


@pytest.fixture
def drafted(world):
    """Assignment of petition 1 to the labour department with a draft answer."""
    assignment = assign(world, world.petitions[0], world.labour)
    answer = answer_save(assignment=assignment, text="Bản nháp đầu tiên.", version=0, actor=world.officer)
    return assignment, answer


@pytest.fixture
def under_review(world):
    """Assignment of petition 2 to the labour department, answer submitted to Home Affairs."""
    assignment = assign(world, world.petitions[1], world.labour)
    answer = submitted(world, assignment, world.officer)
    assert answer.state == AnswerState.SUBMITTED
    return assignment, answer


def login(client, user):
    client.force_login(user)
    return client
