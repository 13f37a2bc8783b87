"""The conference page leads each role to its part of the day, and says when the conference is live."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, world, user):
    client.force_login(user)
    return client.get(reverse("conferences:detail", kwargs={"slug": world.conference.slug})).content.decode()


def test_the_moderator_gets_the_console_and_sees_the_day_is_live(client, live):
    page = _page(client, live, live.moderator)
    assert reverse("live:console", kwargs={"slug": live.conference.slug}) in page
    assert "Đang diễn ra" in page


def test_a_commune_union_gets_its_operator_page_but_not_the_console(client, live):
    page = _page(client, live, live.commune_union)
    assert reverse("live:operator", kwargs={"slug": live.conference.slug}) in page
    assert reverse("live:console", kwargs={"slug": live.conference.slug}) not in page


def test_an_agency_officer_gets_nothing_of_the_day(client, live):
    page = _page(client, live, live.officer)
    assert "/truc-tiep/" not in page
