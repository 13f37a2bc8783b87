"""The console, the operator page and the screen cost the same queries for a few questions or for hundreds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions.live.services.queue import entry_put_on_air, entry_shortlist
from petitions.live.services.sessions import projector_link_issue

from .conftest import post

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _fill(world, count):
    entries = [post(world, content=f"Câu hỏi số {n} về việc làm cho thanh niên?") for n in range(count)]
    for entry in entries[:3]:
        entry_shortlist(entry=entry, on=True, actor=world.moderator)
    entry_put_on_air(entry=entries[-1], actor=world.moderator)


@pytest.mark.parametrize(
    ("user", "name"), [("moderator", "console"), ("moderator", "console_fragment"), ("commune_union", "operator")]
)
def test_a_page_costs_the_same_queries_for_5_or_120_questions(client, live, user, name):
    url = reverse(f"live:{name}", kwargs={"slug": live.conference.slug})
    client.force_login(getattr(live, user))
    _fill(live, 5)
    few = _queries(client, url)
    _fill(live, 115)
    assert _queries(client, url) == few


def test_the_screen_costs_the_same_queries_for_5_or_120_questions(client, live):
    token = projector_link_issue(conference=live.conference, actor=live.moderator).projector_token
    url = reverse("live:screen", kwargs={"slug": live.conference.slug}) + f"?t={token}"
    _fill(live, 5)
    few = _queries(client, url)
    _fill(live, 115)
    assert _queries(client, url) == few
