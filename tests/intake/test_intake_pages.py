import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_district_union_lands_on_its_intake_card_and_sees_what_it_can_do(client, collecting, people):
    client.force_login(people["doan_trangdinh"])
    home = client.get(reverse("home")).content.decode()
    assert "Tiếp nhận kiến nghị" in home and "kiến nghị trong phạm vi của bạn" in home
    assert "Hạn gửi tổng hợp: 05/03/2024" in home
    page = client.get(collecting.get_absolute_url()).content.decode()
    assert reverse("petitions:create", args=[collecting.slug]) in page
    assert "Gửi tổng hợp" in page
    assert "Thiết lập hội nghị (Nội vụ)" not in page


def test_home_affairs_sees_set_up_and_lifecycle_actions_on_the_conference_page(client, collecting, people):
    client.force_login(people["noivu_tinh"])
    page = client.get(collecting.get_absolute_url()).content.decode()
    assert "Thiết lập hội nghị (Nội vụ)" in page
    assert "Chốt danh sách, chuyển cơ quan trả lời" in page
    assert "Trở lại lập kế hoạch" in page
    assert "Hạn Đoàn gửi tổng hợp: 10/03/2024" in page


def test_a_leader_reads_the_lists_but_has_no_intake_buttons(client, collecting, people):
    client.force_login(people["lanhdao"])
    page = client.get(collecting.get_absolute_url()).content.decode()
    assert reverse("petitions:list", args=[collecting.slug]) in page
    assert reverse("petitions:create", args=[collecting.slug]) not in page
    assert client.get(reverse("petitions:index")).status_code == 200


def test_the_seed_conference_lists_its_fourteen_petitions_by_group(client, demo, people):
    client.force_login(people["noivu_trangdinh"])
    response = client.get(reverse("petitions:list", args=["trang-dinh-2024"]))
    assert response.context["total"] == 14
    assert "Bí thư Đoàn xã Tân Minh" in response.content.decode()
