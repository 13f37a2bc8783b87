"""After the 2025 reform (issue 15 item 5): an abolished unit's people are told why, conferences run on the units
valid on their date, and Home Affairs moves old accounts to the successor units."""

import pytest
from django.urls import reverse

from conferences.models import Conference

pytestmark = pytest.mark.django_db


def test_a_district_union_of_an_abolished_district_is_told_why_it_cannot_log(client, reform):
    client.force_login(reform.district_user)
    response = client.get(reverse("petitions:create", args=[reform.conference.slug]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Huyện Tràng Định Cũ" in page and "30/06/2025" in page
    assert "chuyển tài khoản sang đơn vị kế thừa" in page
    # The dashboard shows the same reason instead of a button that leads to a 403.
    home = client.get(reverse("home")).content.decode()
    assert "chuyển tài khoản sang đơn vị kế thừa" in home
    assert reverse("petitions:create", args=[reform.conference.slug]) not in home


def _create(client, reform, unit, level, planned="26/03/2026"):
    return client.post(
        reverse("conferences:create"),
        {
            "organising_unit": unit.pk,
            "level": level,
            "year": planned[-4:],
            "organiser": "",
            "title": "Hội nghị đối thoại",
            "theme": "",
            "chair_name": "",
            "chair_title": "Chủ tịch UBND",
            "form": "in_person",
            "planned_date": planned,
            "generate_sites": "on",
            "acknowledge_warnings": "on",
        },
    )


def test_a_2026_conference_for_an_abolished_district_is_refused_with_a_message(client, reform):
    client.force_login(reform.home_affairs)
    response = _create(client, reform, reform.district, "district")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Huyện Tràng Định Cũ không còn là đơn vị hành chính vào ngày 26/03/2026" in page
    assert not Conference.objects.filter(organising_unit=reform.district).exists()


def test_a_2024_conference_of_the_same_district_is_still_history_that_may_be_recorded(client, reform):
    client.force_login(reform.home_affairs)
    response = _create(client, reform, reform.district, "district", planned="26/03/2024")
    assert response.status_code == 302, response.content.decode()[-3000:]
    conference = Conference.objects.get(organising_unit=reform.district)
    assert conference.bridge_points.count() == 2  # the district and its commune, as the map was then


def test_the_create_form_lists_the_units_valid_on_the_date_first(client, reform):
    client.force_login(reform.home_affairs)
    page = client.get(reverse("conferences:create")).content.decode()
    select = page.split('name="organising_unit"', 1)[1].split("</select>", 1)[0]
    assert select.index("Kháng Chiến Mới") < select.index("Tràng Định Cũ")
    assert select.index("Tân Minh Cũ") > select.index('label="Đơn vị đã giải thể')
