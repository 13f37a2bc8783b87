"""Issue 16 item 4: password guessing is slowed. After five failed logins of one user name from one address (the
portal's login page and the admin's), that pair is locked out with a Vietnamese page and a line in the log; another
address is not; an administrator unlocks it from the admin."""

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return UserFactory(username="canbo_thu")


def _try(client, url, username, password, address="10.0.0.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_five_wrong_passwords_lock_the_user_out_from_that_address_with_a_vietnamese_page(client, person, url, caplog):
    for _ in range(4):
        assert _try(client, url, person.username, "sai-mat-khau").status_code == 200
    with caplog.at_level(logging.WARNING):
        assert _try(client, url, person.username, "sai-mat-khau").status_code == 429  # the fifth
        locked = _try(client, url, person.username, PASSWORD)  # even the right password, now
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "nhập sai mật khẩu 5 lần liên tiếp từ máy này nên bị tạm khóa đăng nhập" in page
    assert "Hãy thử lại sau 15 phút, hoặc đề nghị quản trị hệ thống mở khóa." in page
    assert "_auth_user_id" not in client.session
    assert "login locked out: user 'canbo_thu' from 10.0.0.7" in caplog.text
    # Another address (a colleague behind another machine) is not locked out.
    other = _try(client, "/accounts/login/", person.username, PASSWORD, address="10.0.0.8")
    assert other.status_code == 302


def test_an_administrator_unlocks_the_user_from_the_admin(client, person):
    for _ in range(5):
        _try(client, "/accounts/login/", person.username, "sai-mat-khau")
    assert _try(client, "/accounts/login/", person.username, PASSWORD).status_code == 429
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.org", "Quan-tri-1234")
    staff = client.__class__()
    staff.force_login(admin)
    attempt = AccessAttempt.objects.get(username=person.username)
    changelist = staff.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "canbo_thu" in changelist
    staff.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    assert _try(client, "/accounts/login/", person.username, PASSWORD).status_code == 302


def test_a_successful_login_clears_the_failures(client, person):
    for _ in range(4):
        _try(client, "/accounts/login/", person.username, "sai-mat-khau")
    assert _try(client, "/accounts/login/", person.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _try(client, "/accounts/login/", person.username, "sai-mat-khau")
    assert _try(client, "/accounts/login/", person.username, PASSWORD).status_code == 302


def test_behind_the_trusted_proxy_the_forwarded_address_is_counted(client, person, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": person.username, "password": "x"},
            REMOTE_ADDR="172.18.0.2",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
