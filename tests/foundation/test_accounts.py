"""What every office expects of its accounts (issue 15): a forgotten password reset by email through the outbox,
a word after signing out, and the public results for a visitor who is not signed in."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from conferences.models import OutgoingEmail, Role
from tests.factories import AgencyFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return make_user(Role.AGENCY_OFFICER, AgencyFactory(), user__email="can.bo@laodong.langson.gov.vn")


def test_a_forgotten_password_is_reset_by_a_link_sent_through_the_outbox(client, officer):
    response = client.post(reverse("password_reset"), {"email": "CAN.BO@laodong.langson.gov.vn"}, follow=True)
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    email = OutgoingEmail.objects.get(kind="password_reset")
    assert email.recipient == officer and email.to_email == officer.email
    assert email.dedupe_key.startswith(f"password-reset:{officer.pk}:")
    assert email.subject == "[Đối thoại thanh niên] Đặt lại mật khẩu"
    assert mail.outbox == []  # nothing goes to SMTP but through the outbox's own task
    link = re.search(r"http://\S+/accounts/dat-lai-mat-khau/\S+/", email.body_text).group(0)
    form_page = client.get(urlparse(link).path, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!"},
        follow=True,
    )
    assert "Đã đặt mật khẩu mới" in done.content.decode()
    assert client.login(username=officer.username, password="Mat-khau-moi-2026!")


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, officer):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.vn"}, follow=True)
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    assert not OutgoingEmail.objects.exists()


def test_the_login_page_offers_the_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page and "Quên mật khẩu?" in page


def test_signing_out_says_so(client, officer):
    client.force_login(officer)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Bạn đã đăng xuất." in response.content.decode()


def test_a_visitor_at_the_root_lands_on_the_public_results_with_a_staff_login(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("public:conference_list")
    page = response.content.decode()
    assert "Cán bộ đăng nhập" in page and reverse("login") in page
