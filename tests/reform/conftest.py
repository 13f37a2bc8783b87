"""A province across the 2025 reform: a district (abolished) with a commune, the new commune that succeeds it,
their agencies and people, and a 2026 provincial conference on the two-tier map."""

from datetime import date
from types import SimpleNamespace

import pytest

from conferences.models import AgencyKind, BridgePointKind, ConferenceStatus, Role, UnitKind
from tests.factories import (
    AgencyFactory,
    BridgePointFactory,
    ConferenceFactory,
    UnitFactory,
    make_user,
)

OLD_END, NEW_START = date(2025, 6, 30), date(2025, 7, 1)


@pytest.fixture
def reform(db):
    w = SimpleNamespace()
    w.province = UnitFactory(name="Lạng Sơn Cải Cách", kind=UnitKind.PROVINCE, tier=1)
    w.district = UnitFactory(name="Tràng Định Cũ", kind=UnitKind.DISTRICT, tier=2, parent=w.province, valid_to=OLD_END)
    w.old_commune = UnitFactory(name="Tân Minh Cũ", kind=UnitKind.COMMUNE, tier=3, parent=w.district, valid_to=OLD_END)
    w.new_commune = UnitFactory(
        name="Kháng Chiến Mới", kind=UnitKind.COMMUNE, tier=3, parent=w.province, valid_from=NEW_START
    )
    w.old_commune.successors.add(w.new_commune)
    w.province_union = AgencyFactory(name="Tỉnh đoàn Cải Cách", kind=AgencyKind.YOUTH_UNION, unit=w.province)
    w.district_union = AgencyFactory(
        name="Huyện đoàn Tràng Định Cũ", kind=AgencyKind.YOUTH_UNION, unit=w.district, valid_to=OLD_END
    )
    w.old_commune_union = AgencyFactory(
        name="Đoàn xã Tân Minh Cũ", kind=AgencyKind.YOUTH_UNION, unit=w.old_commune, valid_to=OLD_END
    )
    w.new_commune_union = AgencyFactory(
        name="Đoàn xã Kháng Chiến Mới", kind=AgencyKind.YOUTH_UNION, unit=w.new_commune, valid_from=NEW_START
    )
    w.home_affairs_agency = AgencyFactory(name="Sở Nội vụ Cải Cách", unit=w.province)
    w.labour = AgencyFactory(
        name="Sở Lao động Cải Cách", unit=w.province, valid_to=date(2025, 2, 28), successor=w.home_affairs_agency
    )
    w.home_affairs = make_user(Role.HOME_AFFAIRS, w.home_affairs_agency)
    w.district_user = make_user(Role.YOUTH_UNION, w.district_union)
    w.commune_user = make_user(Role.YOUTH_UNION, w.old_commune_union)
    w.labour_officer = make_user(Role.AGENCY_OFFICER, w.labour)
    w.conference = ConferenceFactory(
        organising_unit=w.province, year=2026, planned_date=date(2026, 3, 26), status=ConferenceStatus.COLLECTING
    )
    for unit, kind in ((w.province, BridgePointKind.PROVINCIAL), (w.new_commune, BridgePointKind.COMMUNE)):
        BridgePointFactory(conference=w.conference, unit=unit, kind=kind, name=unit.full_name)
    return w
