from datetime import date

import pytest
from django.core.management import call_command

from conferences.models import AdministrativeUnit, UnitKind
from conferences.units import UnknownProvince, load_province_units

pytestmark = pytest.mark.django_db


def test_lang_son_loads_eleven_districts_before_the_reform_and_65_communes_after():
    load_province_units("Lạng Sơn")
    province = AdministrativeUnit.objects.get(tier=1, name="Lạng Sơn")
    before = AdministrativeUnit.objects.within(province).valid_on(date(2023, 3, 23))
    after = AdministrativeUnit.objects.within(province).valid_on(date(2025, 7, 1))
    assert before.filter(tier=2).count() == 11
    assert after.filter(tier=2).count() == 0
    assert after.filter(tier=3).count() == 65
    assert after.filter(tier=3, kind=UnitKind.WARD).count() == 4
    assert after.filter(tier=3, kind=UnitKind.COMMUNE).count() == 61


def test_a_pre_reform_commune_links_to_its_post_reform_commune():
    load_province_units("Lạng Sơn")
    tan_minh = AdministrativeUnit.objects.get(tier=3, name="Tân Minh", parent__name="Tràng Định")
    assert tan_minh.valid_to == date(2025, 6, 30)
    successors = list(tan_minh.successors.all())
    assert successors
    assert all(s.valid_from == date(2025, 7, 1) and s.parent.name == "Lạng Sơn" for s in successors)


def test_loading_twice_creates_nothing_new():
    load_province_units("lang son")
    count = AdministrativeUnit.objects.count()
    links = AdministrativeUnit.successors.through.objects.count()
    stats = load_province_units("Lạng Sơn")
    assert stats.created == 0
    assert AdministrativeUnit.objects.count() == count
    assert AdministrativeUnit.successors.through.objects.count() == links


def test_a_merged_province_brings_its_successor_province():
    load_province_units("Hà Nam")
    ha_nam = AdministrativeUnit.objects.get(tier=1, name="Hà Nam")
    assert ha_nam.valid_to == date(2025, 6, 30)
    assert [s.name for s in ha_nam.successors.all()] == ["Ninh Bình"]


def test_unknown_province_is_refused_with_a_vietnamese_message():
    with pytest.raises(UnknownProvince):
        load_province_units("Atlantis")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("load_units", "--province", "Atlantis")
