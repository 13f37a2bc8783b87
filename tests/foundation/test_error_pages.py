"""Error pages in Vietnamese, in the portal's layout, with a way back (issue 15 item 7)."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from conferences.models import Role
from dialogue_portal import errors
from tests.factories import AgencyFactory, make_user

pytestmark = pytest.mark.django_db


def test_a_404_with_debug_on_is_the_portals_page_and_lists_no_url_pattern(client, settings):
    settings.DEBUG = True
    response = client.get("/khong-co-trang-nay/", HTTP_REFERER="http://testserver/cong-khai/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page and "Page not found" not in page
    assert "URLconf" not in page and "hoi-nghi/" not in page and "kien-nghi/" not in page
    # Anonymous: the public layout, a way back and the staff login.
    assert "Cán bộ đăng nhập" in page and 'href="http://testserver/cong-khai/"' in page


def test_a_404_raised_by_a_view_with_debug_on_lists_no_url_pattern(client, settings):
    settings.DEBUG = True
    user = make_user(Role.HOME_AFFAIRS, AgencyFactory())
    client.force_login(user)
    response = client.get("/hoi-nghi/khong-co-hoi-nghi-nay/")
    page = response.content.decode()
    assert response.status_code == 404 and "Không tìm thấy trang" in page
    assert "URLconf" not in page and "Django tried" not in page
    # Signed in: the portal's menu.
    assert "Tổng quan" in page and "Đăng xuất" in page


def test_a_missing_trailing_slash_still_redirects(client, settings):
    settings.DEBUG = True
    response = client.get("/cong-khai")
    assert response.status_code == 301 and response["Location"] == "/cong-khai/"


def test_a_403_is_vietnamese_with_the_menu(client):
    leader = make_user(Role.LEADER, AgencyFactory())
    client.force_login(leader)
    response = client.get("/hoi-nghi/tao-moi/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không có quyền mở trang này" in page and "403 Forbidden" not in page
    assert "Đăng xuất" in page and "Về trang tổng quan" in page


def test_a_400_is_vietnamese(settings):
    settings.DEBUG = False
    response = Client().get("/cong-khai/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_an_expired_form_is_explained(settings):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


def test_a_500_is_vietnamese(settings):
    settings.ROOT_URLCONF = "tests.foundation.boom_urls"
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/thu-loi/")
    assert response.status_code == 500
    assert "Cổng đang gặp sự cố" in response.content.decode()


def test_the_500_page_renders_without_touching_the_database():
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        response = errors.server_error(request)
    assert response.status_code == 500 and "Cổng đang gặp sự cố" in response.content.decode()
    assert len(queries) == 0
