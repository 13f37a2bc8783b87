from datetime import date

import pytest
from django.urls import reverse

from conferences.models import AdministrativeUnit, AuditEvent, Conference, ConferenceStatus

pytestmark = pytest.mark.django_db


def _form(unit, **overrides):
    data = {
        "organising_unit": unit.pk,
        "level": "province",
        "year": 2026,
        "title": "Hội nghị đối thoại giữa Chủ tịch UBND tỉnh với thanh niên năm 2026",
        "theme": "Thanh niên với chuyển đổi số",
        "chair_name": "Hồ Tiến Thiệu",
        "chair_title": "Chủ tịch UBND tỉnh",
        "form": "hybrid",
        "planned_date": "26/03/2026",
        "plan_number": "12/KH-UBND",
        "plan_date": "10/02/2026",
        "plan_published_on": "10/02/2026",
        "site_intake_deadline": "05/03/2026",
        "union_intake_deadline": "10/03/2026",
        "participants": "Chủ tịch UBND tỉnh; Thường trực Tỉnh đoàn",
        "generate_sites": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def province(demo):
    return AdministrativeUnit.objects.get(source_key="province:tinhlangson")


def test_home_affairs_creates_a_2026_conference_with_default_groups_and_two_tier_sites(client, province, demo_password):
    client.login(username="noivu_tinh", password=demo_password)
    response = client.post(reverse("conferences:create"), _form(province))
    conference = Conference.objects.get(year=2026)
    assert response.status_code == 302 and response["Location"] == conference.get_absolute_url()
    assert conference.status == ConferenceStatus.PLANNING
    assert conference.slug == "lang-son-2026"
    # After 1 July 2025 the map has no districts: the province site and its 65 communes.
    assert conference.bridge_points.filter(kind="provincial").count() == 1
    assert conference.bridge_points.filter(kind="district").count() == 0
    assert conference.bridge_points.filter(kind="commune").count() == 65
    assert conference.issue_groups.count() == 8
    assert AuditEvent.objects.filter(action="conference.create", target_id=conference.pk).exists()


def test_a_2024_conference_gets_the_province_its_districts_and_their_communes(client, province, demo_password):
    client.login(username="noivu_tinh", password=demo_password)
    data = _form(province, year=2024, planned_date="26/03/2024", plan_date="21/02/2024", plan_published_on="")
    data.update(site_intake_deadline="05/03/2024", union_intake_deadline="10/03/2024")
    client.post(reverse("conferences:create"), data)
    conference = Conference.objects.get(slug="lang-son-2024-2")
    kinds = {k: conference.bridge_points.filter(kind=k).count() for k in ("provincial", "district", "commune")}
    assert kinds["provincial"] == 1 and kinds["district"] == 11
    assert kinds["commune"] == conference.bridge_points.count() - 12 > 190


def test_date_notes_are_shown_and_must_be_acknowledged_before_saving(client, province, demo_password):
    client.login(username="noivu_tinh", password=demo_password)
    late_plan = _form(province, plan_date="10/03/2026", plan_published_on="10/03/2026")
    response = client.post(reverse("conferences:create"), late_plan)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nghị định 13/2021/NĐ-CP yêu cầu công bố ít nhất 30 ngày trước" in content
    assert "đánh dấu xác nhận" in content
    assert not Conference.objects.filter(year=2026).exists()

    response = client.post(reverse("conferences:create"), {**late_plan, "acknowledge_warnings": "on"})
    conference = Conference.objects.get(year=2026)
    assert response.status_code == 302
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "chỉ 16 ngày trước ngày đối thoại 26/03/2026" in page


def test_a_level_that_does_not_match_the_unit_is_refused(client, province, demo_password):
    client.login(username="noivu_tinh", password=demo_password)
    response = client.post(reverse("conferences:create"), _form(province, level="district"))
    assert response.status_code == 200
    assert "Cấp tổ chức không khớp với địa phương" in response.content.decode()
    assert not Conference.objects.filter(year=2026).exists()


def test_district_home_affairs_cannot_organise_for_the_province(client, province, demo_password):
    client.login(username="noivu_trangdinh", password=demo_password)
    response = client.post(reverse("conferences:create"), _form(province))
    assert response.status_code == 200
    assert "organising_unit" in response.context["form"].errors
    assert not Conference.objects.filter(year=2026).exists()


@pytest.mark.parametrize("username", ["doan_trangdinh", "doan_tinh", "canbo_laodong", "lanhdao"])
def test_other_roles_may_not_create_conferences(client, province, demo_password, username):
    client.login(username=username, password=demo_password)
    assert client.get(reverse("conferences:create")).status_code == 403
    assert client.post(reverse("conferences:create"), _form(province)).status_code == 403
    assert not Conference.objects.filter(year=2026).exists()


def test_editing_keeps_a_version_and_refuses_a_stale_form(client, collecting, demo_password):
    client.login(username="noivu_tinh", password=demo_password)
    form = client.get(reverse("conferences:edit", args=[collecting.slug])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        organising_unit=collecting.organising_unit_id,
        organiser=collecting.organiser_id,
        planned_date="26/03/2024",
        plan_date="21/02/2024",
        plan_published_on="21/02/2024",
        site_intake_deadline="05/03/2024",
        union_intake_deadline="10/03/2024",
        version=collecting.version,
        theme="Chủ đề mới",
    )
    data.pop("held_on", None)
    response = client.post(reverse("conferences:edit", args=[collecting.slug]), data)
    assert response.status_code == 302, response.context["form"].errors
    collecting.refresh_from_db()
    assert collecting.theme == "Chủ đề mới" and collecting.version == 2
    assert collecting.planned_date == date(2024, 3, 26)

    stale = {**data, "theme": "Ghi đè"}  # still carries version 1
    response = client.post(reverse("conferences:edit", args=[collecting.slug]), stale)
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    collecting.refresh_from_db()
    assert collecting.theme == "Chủ đề mới"


def test_youth_union_sees_the_conference_but_may_not_edit_it(client, collecting, demo_password):
    client.login(username="doan_tinh", password=demo_password)
    assert client.get(collecting.get_absolute_url()).status_code == 200
    assert client.get(reverse("conferences:edit", args=[collecting.slug])).status_code == 403


def test_another_districts_home_affairs_gets_404_for_a_district_conference(client, demo, demo_password):
    from conferences.models import Agency, Role
    from tests.factories import make_user

    cao_loc = AdministrativeUnit.objects.get(tier=2, name="Cao Lộc", valid_to__isnull=False)
    agency = Agency.objects.create(code="pnv-cao-loc", name="Phòng Nội vụ huyện Cao Lộc", unit=cao_loc)
    user = make_user(Role.HOME_AFFAIRS, agency)
    client.force_login(user)
    conference = demo["trang-dinh-2024"]
    assert client.get(conference.get_absolute_url()).status_code == 404
    assert client.get(reverse("conferences:edit", args=[conference.slug])).status_code == 404
    assert client.get(reverse("conferences:sites", args=[conference.slug])).status_code == 404
