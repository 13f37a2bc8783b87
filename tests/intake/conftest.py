"""Fixtures of the intake tests: uploaded files under a temporary MEDIA_ROOT, demo personas, sites by name."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from conferences.models import BridgePoint


@pytest.fixture(autouse=True)
def tasks_run_in_process(tasks_in_process):
    """Uploaded lists are read by a task (petitions.read_import); here it runs in the test's process, as it does
    without Redis. The real worker reads them in tests/intake/test_import_in_background.py."""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def people(demo):
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def collecting(demo):
    """Lạng Sơn 2024: collecting petitions, 206 sites, no petitions yet."""
    return demo["lang-son-2024"]


def site_of(conference, name: str, district: str | None = None) -> BridgePoint:
    sites = BridgePoint.objects.filter(conference=conference, unit__name=name)
    if district:
        sites = sites.filter(unit__parent__name=district)
    return sites.get()


def xlsx(
    rows: list[list], *, header=("TT", "Nội dung kiến nghị", "Đơn vị kiến nghị", "Nhóm vấn đề", "Điểm cầu"), before=()
):
    """An .xlsx in memory: optional rows above the header, the header, then the rows."""
    workbook = Workbook()
    sheet = workbook.active
    for row in before:
        sheet.append(list(row))
    if header:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def world(db):
    """A small province without the demo: two districts with two communes each, a collecting conference with a
    site per unit and two issue groups, and the people who work on it."""
    from types import SimpleNamespace

    from conferences.models import AgencyKind, ConferenceStatus, Role
    from tests.factories import (
        AgencyFactory,
        BridgePointFactory,
        CommuneFactory,
        ConferenceFactory,
        DistrictFactory,
        IssueGroupFactory,
        UnitFactory,
        make_user,
    )

    province = UnitFactory(name="Lạng Sơn Thử")
    district = DistrictFactory(parent=province, name="Tràng Định Thử")
    other = DistrictFactory(parent=province, name="Cao Lộc Thử")
    communes = [CommuneFactory(parent=district, name=n) for n in ("Tân Minh", "Đội Cấn")]
    other_communes = [CommuneFactory(parent=other, name=n) for n in ("Hợp Thành", "Gia Cát")]
    conference = ConferenceFactory(organising_unit=province, status=ConferenceStatus.COLLECTING)
    sites = {
        unit.name: BridgePointFactory(conference=conference, unit=unit, name=unit.full_name, kind=kind)
        for unit, kind in [
            (province, "provincial"),
            (district, "district"),
            (other, "district"),
            *[(c, "commune") for c in communes + other_communes],
        ]
    }
    groups = [
        IssueGroupFactory(conference=conference, name="Giải pháp, cơ chế hỗ trợ vốn", position=1),
        IssueGroupFactory(conference=conference, name="Đào tạo nghề, hướng nghiệp, giải quyết việc làm", position=2),
    ]
    union = make_user(Role.YOUTH_UNION, AgencyFactory(unit=district, kind=AgencyKind.YOUTH_UNION))
    other_union = make_user(Role.YOUTH_UNION, AgencyFactory(unit=other, kind=AgencyKind.YOUTH_UNION))
    home_affairs = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=province))
    return SimpleNamespace(
        conference=conference,
        province=province,
        district=district,
        other=other,
        sites=sites,
        groups=groups,
        union=union,
        other_union=other_union,
        home_affairs=home_affairs,
    )
