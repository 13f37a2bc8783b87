"""Menus and buttons read what a role may do from `can` (petitions.permissions.capabilities), never role strings."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from petitions.permissions import capabilities

from .conftest import login

pytestmark = pytest.mark.django_db

#                               view_petitions log_petitions use_inbox manage_answering view_answering_dashboard
EXPECTED = {
    "ha":                       (True,          True,         False,    True,            True),
    "officer":                  (False,         False,        True,     False,           False),
    "leader":                   (True,          False,        False,    False,           True),
    "youth":                    (True,          True,         False,    False,           False),
}  # fmt: skip
KEYS = ("view_petitions", "log_petitions", "use_inbox", "manage_answering", "view_answering_dashboard")


@pytest.mark.parametrize("user_key", list(EXPECTED))
def test_each_role_gets_the_capabilities_of_its_work(world, user_key):
    can = capabilities(getattr(world, user_key))
    assert tuple(can[key] for key in KEYS) == EXPECTED[user_key]


def test_an_anonymous_visitor_may_do_nothing():
    assert not any(capabilities(AnonymousUser()).values())


@pytest.mark.parametrize(
    ("user_key", "shown", "hidden"),
    [
        (
            "officer",
            ["petitions:inbox"],
            ["petitions:review_queue", "petitions:answering_dashboard", "petitions:index"],
        ),
        ("ha", ["petitions:review_queue", "petitions:answering_dashboard", "petitions:index"], ["petitions:inbox"]),
        ("leader", ["petitions:answering_dashboard", "petitions:index"], ["petitions:inbox", "petitions:review_queue"]),
        ("youth", ["petitions:index"], ["petitions:inbox", "petitions:review_queue", "petitions:answering_dashboard"]),
    ],
)
def test_the_menu_offers_each_role_its_own_pages(client, world, user_key, shown, hidden):
    login(client, getattr(world, user_key))
    page = client.get(reverse("home")).content.decode()
    for name in shown:
        assert f'href="{reverse(name)}"' in page, name
    for name in hidden:
        assert f'href="{reverse(name)}"' not in page, name
