"""A small province for the dialogue day, built with factories: a provincial site, two districts with a commune
each, a conference preparing its answers with two compiled petitions, agencies present, and one persona per role
(the moderator is the provincial Youth Union; the operators are district and commune unions)."""

import re
import uuid
from datetime import date
from types import SimpleNamespace

import pytest

from conferences.models import AgencyKind, ConferenceStatus, Role
from petitions.live.services.queue import live_question_post
from petitions.live.services.sessions import session_start
from tests.factories import (
    AgencyFactory,
    BridgePointFactory,
    CommuneFactory,
    ConferenceFactory,
    DistrictFactory,
    IssueGroupFactory,
    PetitionFactory,
    UnitFactory,
    make_user,
)


@pytest.fixture
def world(db):
    province = UnitFactory(name="Lạng Sơn")
    district, other_district = (
        DistrictFactory(parent=province, name="Tràng Định"),
        DistrictFactory(parent=province, name="Cao Lộc"),
    )
    commune, other_commune = (
        CommuneFactory(parent=district, name="Tân Minh"),
        CommuneFactory(parent=other_district, name="Hợp Thành"),
    )
    w = SimpleNamespace(province=province, district=district, commune=commune, other_commune=other_commune)
    w.ubnd = AgencyFactory(name="Ủy ban nhân dân tỉnh Lạng Sơn", kind=AgencyKind.PEOPLES_COMMITTEE, unit=province)
    w.labour = AgencyFactory(name="Sở Lao động - Thương binh và Xã hội", short_name="Sở LĐTBXH", unit=province)
    w.education = AgencyFactory(name="Sở Giáo dục và Đào tạo", short_name="Sở GDĐT", unit=province)
    w.conference = ConferenceFactory(
        slug="lang-son-2024",
        organising_unit=province,
        organiser=w.ubnd,
        status=ConferenceStatus.ANSWERING,
        planned_date=date(2024, 3, 26),
        held_on=date(2024, 3, 26),
        chair_title="Chủ tịch UBND tỉnh",
        chair_name="Hồ Tiến Thiệu",
    )
    w.sites = {
        "province": BridgePointFactory(conference=w.conference, unit=province, kind="provincial"),
        "district": BridgePointFactory(conference=w.conference, unit=district, kind="district"),
        "commune": BridgePointFactory(conference=w.conference, unit=commune, kind="commune"),
        "other_commune": BridgePointFactory(conference=w.conference, unit=other_commune, kind="commune"),
    }
    w.group = IssueGroupFactory(conference=w.conference, name="Việc làm")
    w.petitions = [
        PetitionFactory(
            conference=w.conference,
            number=n,
            issue_group=w.group,
            bridge_point=w.sites["district"],
            content=text,
            submitter_name="Lý Văn Kín",
            submitter_contact="0912 000 111",
        )
        for n, text in enumerate(
            ["Đề nghị hỗ trợ vốn vay khởi nghiệp cho thanh niên?", "Tỉnh có chính sách đào tạo nghề không?"], start=1
        )
    ]
    w.moderator = make_user(Role.YOUTH_UNION, AgencyFactory(unit=province, kind=AgencyKind.YOUTH_UNION))
    w.ha = make_user(Role.HOME_AFFAIRS, AgencyFactory(name="Sở Nội vụ", unit=province))
    w.district_union = make_user(Role.YOUTH_UNION, AgencyFactory(unit=district, kind=AgencyKind.YOUTH_UNION))
    w.commune_union = make_user(Role.YOUTH_UNION, AgencyFactory(unit=commune, kind=AgencyKind.YOUTH_UNION))
    w.other_union = make_user(Role.YOUTH_UNION, AgencyFactory(unit=other_commune, kind=AgencyKind.YOUTH_UNION))
    w.officer = make_user(Role.AGENCY_OFFICER, w.labour)
    w.leader = make_user(Role.LEADER, w.ubnd)
    other_province = UnitFactory(name="Cao Bằng")
    w.ha_other = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=other_province))
    return w


@pytest.fixture
def live(world):
    """The world with its session open (hội nghị đang diễn ra)."""
    world.session = session_start(conference=world.conference, actor=world.moderator)
    return world


def post(world, site_key="commune", content="Xã có điểm Internet công cộng không?", **kwargs):
    entry, _created = live_question_post(
        conference=world.conference,
        site=world.sites[site_key],
        content=content,
        unit=kwargs.pop("unit", "Đoàn xã Tân Minh"),
        speaker_name=kwargs.pop("speaker_name", "Nguyễn Thị Bí Mật"),
        client_key=kwargs.pop("client_key", None) or uuid.uuid4(),
        actor=kwargs.pop("actor", world.commune_union),
    )
    return entry


def form_key(html: str) -> str:
    return re.search(r'name="client_key" value="([0-9a-f-]+)"', html).group(1)


@pytest.fixture(autouse=True)
def _fresh_live_cache(fresh_live_cache):
    """The dialogue day's feed keys in Redis must not outlive a test (tests/conftest.py)."""


@pytest.fixture
def live_page(browser, live_server):
    """live_page(width, height, javascript=True): a page in a context of its own, closed after the test (open
    pages keep polling the feed, and the live server would still be answering them while the database goes)."""
    contexts = []

    def open_page(width: int, height: int = 900, *, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
