"""Vietnamese is the default; a user who picks English in the footer gets the whole interface in English, while
the official documents stay Vietnamese."""

import pytest
from django.urls import reverse

from conferences.models import Role
from tests.factories import AgencyFactory, UnitFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_affairs(client):
    user = make_user(Role.HOME_AFFAIRS, AgencyFactory(name="Sở Nội vụ", unit=UnitFactory(name="Lạng Sơn")))
    client.force_login(user)
    return user


def test_the_interface_is_vietnamese_by_default(client, home_affairs):
    page = client.get(reverse("home")).content.decode()
    assert "Tổng quan" in page
    assert ">Hội nghị</a>" in page


def test_choosing_english_in_the_footer_translates_the_menus(client, home_affairs):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")}, follow=True)
    page = response.content.decode()
    assert '<html lang="en"' in page
    assert ">Conferences</a>" in page
    assert "Overview" in page
    assert "Tổng quan" not in page


def test_every_string_of_the_catalogue_has_its_english_text():
    import polib

    from tests.conftest import ROOT

    catalogue = polib.pofile(str(ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert missing == []


def test_an_english_browser_still_gets_vietnamese_until_the_user_chooses(client, home_affairs):
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Tổng quan" in page
