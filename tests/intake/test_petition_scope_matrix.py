"""Who sees and changes which petition: roles x petitions of their own and of other units.

Lạng Sơn 2024 (provincial conference, collecting) with four petitions: two Tràng Định communes, one Cao Lộc
commune and the provincial site. A refused request leaves the petition exactly as it was."""

import pytest
from django.urls import reverse

from petitions.models import Petition, PetitionStatus
from tests.factories import PetitionFactory

from .conftest import site_of

pytestmark = pytest.mark.django_db

VISIBLE = {
    "doan_tanminh": {"tan_minh"},
    "doan_trangdinh": {"tan_minh", "kim_dong"},
    "doan_caoloc": {"hop_thanh"},
    "doan_tinh": {"tan_minh", "kim_dong", "hop_thanh", "province"},
    "noivu_tinh": {"tan_minh", "kim_dong", "hop_thanh", "province"},
    "noivu_trangdinh": {"tan_minh", "kim_dong"},
    "lanhdao": {"tan_minh", "kim_dong", "hop_thanh", "province"},
    "canbo_laodong": set(),
}
# Among the visible ones: who may open the edit form (youth unions in scope, the organiser's Home Affairs).
EDITS = {
    "doan_tanminh": True,
    "doan_trangdinh": True,
    "doan_caoloc": True,
    "doan_tinh": True,
    "noivu_tinh": True,
    "noivu_trangdinh": False,
    "lanhdao": False,
    "canbo_laodong": False,
}
PETITIONS = ["tan_minh", "kim_dong", "hop_thanh", "province"]


@pytest.fixture
def petitions(collecting):
    sites = {
        "tan_minh": site_of(collecting, "Tân Minh", "Tràng Định"),
        "kim_dong": site_of(collecting, "Kim Đồng", "Tràng Định"),
        "hop_thanh": site_of(collecting, "Hợp Thành", "Cao Lộc"),
        "province": collecting.bridge_points.get(kind="provincial"),
    }
    return {
        key: PetitionFactory(
            conference=collecting, number=i, bridge_point=site, content=f"Kiến nghị mẫu của {key} về việc làm?"
        )
        for i, (key, site) in enumerate(sites.items(), start=1)
    }


def _snapshot(petition):
    petition.refresh_from_db()
    return (petition.content, petition.status, petition.duplicate_of_id, petition.version)


def test_each_role_lists_exactly_the_petitions_of_its_unit(client, petitions, collecting, demo_password):
    wrong = []
    for username, visible in VISIBLE.items():
        client.login(username=username, password=demo_password)
        response = client.get(reverse("petitions:list", args=[collecting.slug]))
        listed = {key for key, p in petitions.items() if p in response.context["page"].object_list}
        content = response.content.decode()
        shown = {key for key in PETITIONS if f"Kiến nghị mẫu của {key} " in content}
        if listed != visible or shown != visible:
            wrong.append((username, sorted(listed), sorted(shown)))
        client.logout()
    assert wrong == []


def test_detail_is_404_outside_the_users_unit(client, petitions, demo_password):
    wrong = []
    for username, visible in VISIBLE.items():
        client.login(username=username, password=demo_password)
        for key in PETITIONS:
            status = client.get(petitions[key].get_absolute_url()).status_code
            if status != (200 if key in visible else 404):
                wrong.append((username, key, status))
        client.logout()
    assert wrong == []


def test_edit_is_404_outside_the_unit_and_403_for_a_role_that_may_not_edit(client, petitions, demo_password):
    wrong = []
    for username, visible in VISIBLE.items():
        client.login(username=username, password=demo_password)
        for key in PETITIONS:
            petition = petitions[key]
            before = _snapshot(petition)
            url = reverse("petitions:edit", args=[petition.pk])
            expected = 404 if key not in visible else (200 if EDITS[username] else 403)
            got = [client.get(url).status_code]
            if expected != 200:
                response = client.post(url, {"content": "Ghi đè nội dung của người khác", "version": before[3]})
                got.append(response.status_code)
                if _snapshot(petition) != before:
                    got.append("changed")
            if got != [expected] * len(got):
                wrong.append((username, key, expected, got))
        client.logout()
    assert wrong == []


def test_only_the_organisers_home_affairs_merges(client, petitions, demo_password):
    duplicate, kept = petitions["tan_minh"], petitions["province"]
    wrong = []
    for username, visible in VISIBLE.items():
        if username == "noivu_tinh":
            continue
        client.login(username=username, password=demo_password)
        before = _snapshot(duplicate)
        response = client.post(reverse("petitions:merge", args=[duplicate.pk]), {"into": kept.number})
        expected = 404 if "tan_minh" not in visible else 403
        if response.status_code != expected or _snapshot(duplicate) != before:
            wrong.append((username, response.status_code))
        client.logout()
    assert wrong == []
    client.login(username="noivu_tinh", password=demo_password)
    assert client.post(reverse("petitions:merge", args=[duplicate.pk]), {"into": kept.number}).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == PetitionStatus.MERGED and duplicate.duplicate_of == kept


def test_a_district_union_cannot_log_a_petition_for_another_districts_site(client, collecting, demo_password):
    client.login(username="doan_caoloc", password=demo_password)
    tan_minh = site_of(collecting, "Tân Minh", "Tràng Định")
    response = client.post(
        reverse("petitions:create", args=[collecting.slug]),
        {
            "content": "Đề nghị mở lớp dạy nghề cho thanh niên xã Tân Minh?",
            "submitting_unit": "Đoàn xã Tân Minh",
            "bridge_point": tan_minh.pk,
            "channel": "form",
            "parts-TOTAL_FORMS": "0",
            "parts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "bridge_point" in response.context["form"].errors
    assert not Petition.objects.filter(conference=collecting).exists()


def test_roles_without_intake_may_not_open_the_form_or_import(client, collecting, demo_password):
    for username in ["canbo_laodong", "lanhdao", "noivu_trangdinh"]:
        client.login(username=username, password=demo_password)
        assert client.get(reverse("petitions:create", args=[collecting.slug])).status_code == 403, username
        assert client.get(reverse("petitions:import_upload", args=[collecting.slug])).status_code == 403, username
        client.logout()


def test_intake_closes_for_youth_unions_once_answering_starts(client, collecting, demo_password):
    collecting.status = "answering"
    collecting.save()
    client.login(username="doan_trangdinh", password=demo_password)
    assert client.get(reverse("petitions:create", args=[collecting.slug])).status_code == 403
    client.logout()
    client.login(username="noivu_tinh", password=demo_password)
    assert client.get(reverse("petitions:create", args=[collecting.slug])).status_code == 200
