"""Templates read what a user may do as booleans (`can.*`, one context processor), never role strings."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from conferences.models import Role
from conferences.permissions import capabilities
from tests.factories import AgencyFactory, UserFactory, make_user

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
CONVERTED = ["base.html", "home.html", "conferences", "notifications", "registration"]


@pytest.mark.parametrize(
    "role, create, digest",
    [
        (Role.HOME_AFFAIRS, True, True),
        (Role.YOUTH_UNION, False, True),
        (Role.AGENCY_OFFICER, False, True),
        (Role.LEADER, False, True),
    ],
)
def test_each_role_gets_its_capabilities_from_its_membership(role, create, digest):
    can = capabilities(make_user(role, AgencyFactory()))
    assert (can["create_conference"], can["choose_digest_only"], can["is_admin"]) == (create, digest, False)


def test_an_administrator_without_membership_may_create_but_has_no_email_settings():
    can = capabilities(UserFactory(is_superuser=True, is_staff=True))
    assert can == {"is_admin": True, "open_admin": True, "create_conference": True, "choose_digest_only": False}


def test_an_anonymous_visitor_may_do_nothing():
    assert not any(capabilities(AnonymousUser()).values())


def test_the_templates_of_the_ground_floor_compare_no_role_strings():
    files = [TEMPLATES / name for name in CONVERTED if (TEMPLATES / name).is_file()]
    files += [f for name in CONVERTED if (TEMPLATES / name).is_dir() for f in (TEMPLATES / name).rglob("*.html")]
    offenders = [
        str(f.relative_to(TEMPLATES))
        for f in files
        if re.search(r"portal_role|Role\.|role ==|is_staff|is_superuser", f.read_text())
    ]
    assert offenders == []


def test_only_home_affairs_sees_the_create_button_and_only_staff_the_admin_link(client):
    home_affairs = make_user(Role.HOME_AFFAIRS, AgencyFactory())
    client.force_login(home_affairs)
    page = client.get(reverse("conferences:list")).content.decode()
    assert reverse("conferences:create") in page and reverse("admin:index") not in page
    client.force_login(make_user(Role.YOUTH_UNION, AgencyFactory()))
    assert reverse("conferences:create") not in client.get(reverse("conferences:list")).content.decode()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert reverse("admin:index") in client.get(reverse("conferences:list")).content.decode()
