"""The notice list costs the same number of queries for few and for many notices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conclusions.notices.drafting import notice_draft_from_conference
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("conclusions:notice_list")).status_code == 200
    return len(ctx.captured_queries)


def _conferences(world, n):
    for _ in range(n):
        conference = ConferenceFactory(organising_unit=world.province, organiser=world.ubnd, status="held")
        notice_draft_from_conference(conference=conference, actor=world.officer)


def test_query_count_is_the_same_for_two_and_for_twenty_five_notices(client, world):
    _conferences(world, 2)
    few = _queries(client, world.officer)
    _conferences(world, 23)
    many = _queries(client, world.officer)
    assert few == many
    assert many <= 8
