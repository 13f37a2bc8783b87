import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_sends_anonymous_visitors_to_the_public_results_with_a_staff_login(client):
    """Issue 15 changed this: "/" led an anonymous visitor to the login page; it now leads to the public results,
    whose header carries the staff login link."""
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:conference_list")
    assert reverse("login") in client.get(response["Location"]).content.decode()


def test_login_page_is_in_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Đăng nhập" in content
    assert 'lang="vi"' in content


def test_district_youth_union_sees_its_district_and_province_conferences_but_not_other_districts(
    client, demo, demo_password
):
    client.login(username="doan_caoloc", password=demo_password)
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert "Lạng Sơn năm 2023" in content
    assert "Tràng Định" not in content
    assert client.get(demo["trang-dinh-2024"].get_absolute_url()).status_code == 404


def test_conference_page_shows_sites_by_tier(client, demo, demo_password):
    client.login(username="noivu_tinh", password=demo_password)
    response = client.get(demo["lang-son-2023"].get_absolute_url())
    assert response.status_code == 200
    assert "1 cấp tỉnh, 11 cấp huyện" in response.content.decode()


def test_admin_lists_the_seed_petitions(client, demo, demo_password):
    client.login(username="admin", password=demo_password)
    response = client.get(reverse("admin:petitions_petition_changelist") + "?q=Tân+Minh")
    assert response.status_code == 200
    assert "Bí thư Đoàn xã Tân Minh" in response.content.decode()
