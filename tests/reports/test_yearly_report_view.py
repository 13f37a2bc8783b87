import pytest
from django.urls import reverse

from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

URL = "conclusions:stats_yearly_report"


def test_home_affairs_downloads_the_report_of_its_district(client, world):
    client.force_login(world.users["home_affairs"])
    response = client.get(reverse(URL), {"don_vi": world.district.pk, "nam": 2024, "dinh_dang": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="du-thao-bao-cao-doi-thoai-thanh-nien-2024-huyen-mot.pdf"' in response["Content-Disposition"]
    assert "HUYỆN MỘT" in pdf_text(response.content)


def test_the_report_of_another_unit_is_refused_with_a_message(client, world):
    client.force_login(world.users["home_affairs"])
    for unit in (world.other_district, world.province):
        response = client.get(reverse(URL), {"don_vi": unit.pk, "nam": 2024, "dinh_dang": "pdf"})
        assert response.status_code == 400
        assert "Bạn chỉ lập được báo cáo của địa phương mình." in response.content.decode()


def test_the_provinces_leader_may_draw_the_province_report(client, world):
    client.force_login(world.users["leader"])
    response = client.get(reverse(URL), {"don_vi": world.province.pk, "nam": 2024, "dinh_dang": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")


def test_bad_year_or_format_re_renders_the_form_with_messages(client, world):
    client.force_login(world.users["home_affairs"])
    response = client.get(reverse(URL), {"don_vi": world.district.pk, "nam": "hai nghìn", "dinh_dang": "odt"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Năm báo cáo phải là số, ví dụ 2024." in content
    assert "Chọn PDF hoặc DOCX." in content


@pytest.mark.parametrize("persona", ["youth_union", "officer"])
def test_roles_without_statistics_cannot_draw_reports(client, world, persona):
    client.force_login(world.users[persona])
    response = client.get(reverse(URL), {"don_vi": world.district.pk, "nam": 2024, "dinh_dang": "pdf"})
    assert response.status_code == 403


def test_the_overview_offers_the_report_form_for_ones_own_unit(client, world):
    client.force_login(world.users["home_affairs"])
    content = client.get(reverse("conclusions:stats_overview")).content.decode()
    assert reverse(URL) in content and 'name="nam"' in content
