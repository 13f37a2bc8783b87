"""The officer's inbox: only their agency's assignments, tabs, accent-folded search, a pinned query count."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences import workdays
from conferences.deadlines import DeadlineRule, DeadlineSpec
from petitions.services.answering import answer_return
from tests.factories import PetitionFactory

from .conftest import assign, login, submitted

pytestmark = pytest.mark.django_db


def _fixed(day):
    return DeadlineSpec(DeadlineRule.FIXED_DATE, None, day)


def _numbers(response):
    return sorted(row.petition.number for row in response.context["rows"])


def test_inbox_lists_only_the_officers_agency_as_lead_or_coordinator(client, world):
    today = timezone.localdate()
    assign(world, world.petitions[0], world.labour, due=_fixed(today + timedelta(days=30)))
    assign(
        world,
        world.petitions[1],
        world.education,
        due=_fixed(today + timedelta(days=30)),
        coordinating_agencies=[world.labour],
    )
    assign(world, world.petitions[2], world.education, due=_fixed(today + timedelta(days=30)))
    assign(world, world.other_petition, world.other_agency, due=_fixed(today + timedelta(days=30)))

    login(client, world.officer)
    response = client.get(reverse("petitions:inbox"))
    assert _numbers(response) == [1, 2]
    page = response.content.decode()
    assert "Chủ trì" in page and "Phối hợp" in page


def test_tabs_split_overdue_due_soon_and_returned(client, world):
    today = timezone.localdate()
    soon = workdays.add_working_days(today, 2).due
    overdue = assign(world, world.petitions[0], world.labour, due=_fixed(today - timedelta(days=3)))
    assign(world, world.petitions[1], world.labour, due=_fixed(soon))
    later = assign(world, world.petitions[2], world.labour, due=_fixed(today + timedelta(days=60)))
    answer = submitted(world, later, world.officer)
    answer_return(answer=answer, comment="Sửa.", actor=world.ha)

    login(client, world.officer)
    tab = lambda name: _numbers(client.get(reverse("petitions:inbox") + f"?tab={name}"))  # noqa: E731
    assert tab("overdue") == [1]
    assert tab("soon") == [2]
    assert tab("returned") == [3]
    assert tab("todo") == [1, 2, 3]
    page = client.get(reverse("petitions:inbox") + "?tab=todo").content.decode()
    assert overdue.due_explanation in page
    assert "Quá hạn" in page


def test_search_ignores_accents(client, world):
    assign(world, world.petitions[0], world.labour)  # "Đề nghị hỗ trợ vốn vay khởi nghiệp ..."
    assign(world, world.petitions[1], world.labour)
    login(client, world.officer)
    response = client.get(reverse("petitions:inbox") + "?tab=all&q=KHOI+nghiep")
    assert _numbers(response) == [1]


def _many(world, n):
    for i in range(n):
        petition = PetitionFactory(conference=world.conference, number=100 + i, issue_group=world.group)
        assign(world, petition, world.labour, due=_fixed(date(2030, 1, 1)))


@pytest.mark.parametrize("rows", [3, 30])
def test_inbox_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, rows):
    _many(world, rows)
    login(client, world.officer)
    client.get(reverse("petitions:inbox"))  # warm the session and the calendar cache
    # session, user, membership, agency, row count, rows, conference filter options, the navbar's notification bell
    with django_assert_num_queries(8):
        response = client.get(reverse("petitions:inbox") + "?tab=all")
    assert len(response.context["rows"]) == rows


def test_only_agency_officers_have_an_inbox(client, world):
    for user in (world.ha, world.leader, world.youth):
        login(client, user)
        assert client.get(reverse("petitions:inbox")).status_code == 403


def test_a_long_inbox_is_paginated_keeping_the_filters(client, world, monkeypatch):
    monkeypatch.setattr("petitions.views.inbox.PAGE_SIZE", 10)
    _many(world, 25)
    login(client, world.officer)
    response = client.get(reverse("petitions:inbox") + "?tab=all&q=von&trang=3")
    assert len(response.context["rows"]) == 5
    assert "tab=all&amp;q=von&amp;trang=2" in response.content.decode()
