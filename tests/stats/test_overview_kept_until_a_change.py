"""Issue 11: the statistics across years read every petition of a province (about 130 ms of SQL at 10,000): a
leader opening them again gets the same panels without reading the petitions, until anything changes (every service
writes an audit row) or the day turns. Counted in the real cache (Redis in CI), under a key prefix of the test's own."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from conferences.audit import record
from tests.stats.conftest import add_answered_petitions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese_again():
    """An English request leaves English active in this thread: the next test must not read its labels."""
    yield
    translation.activate("vi")


def _visit(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("conclusions:stats_overview"))
    assert response.status_code == 200
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())  # new per request
    return page, [q["sql"] for q in ctx.captured_queries]


def _reads_petitions(queries: list[str]) -> bool:
    return any('"petitions_petition"' in sql for sql in queries)


def test_the_overview_opened_again_reads_no_petition_and_shows_the_same_figures(client, world, fresh_cache):
    client.force_login(world.users["home_affairs"])
    first, queries = _visit(client)
    assert _reads_petitions(queries)
    again, queries = _visit(client)
    assert again == first
    assert not _reads_petitions(queries)


def test_after_a_change_the_overview_counts_again(client, world, fresh_cache):
    client.force_login(world.users["home_affairs"])
    before, _ = _visit(client)
    add_answered_petitions(world, 5)
    record(actor=None, action="petition.create", target=world.conference, message="thêm")
    after, queries = _visit(client)
    assert _reads_petitions(queries)
    assert after != before


def test_english_readers_get_panels_in_english_from_their_own_entry(client, world, fresh_cache):
    client.force_login(world.users["home_affairs"])
    vietnamese, _ = _visit(client)
    client.cookies["django_language"] = "en"
    english, queries = _visit(client)
    assert _reads_petitions(queries)
    assert "Kiến nghị theo nhóm vấn đề" in vietnamese and "Kiến nghị theo nhóm vấn đề" not in english
