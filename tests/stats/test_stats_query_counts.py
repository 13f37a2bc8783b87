import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.stats.conftest import add_answered_petitions

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "name, limit",
    [("conclusions:stats_conference", 20), ("conclusions:stats_conference_export", 15)],
)
def test_conference_statistics_cost_the_same_queries_for_few_and_many_petitions(client, world, name, limit):
    client.force_login(world.users["home_affairs"])
    url = reverse(name, args=[world.conference.slug])
    _queries(client, url)  # warm the calendar cache
    few = _queries(client, url)
    add_answered_petitions(world, 80)
    assert _queries(client, url) == few
    assert few <= limit


def test_overview_costs_the_same_queries_for_few_and_many_petitions(client, world):
    client.force_login(world.users["home_affairs"])
    url = reverse("conclusions:stats_overview")
    _queries(client, url)
    few = _queries(client, url)
    add_answered_petitions(world, 80)
    assert _queries(client, url) == few
    assert few <= 28
