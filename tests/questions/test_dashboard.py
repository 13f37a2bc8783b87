"""The Youth Union's home page shows its questions sent online: how many wait, since when the oldest waits, how
many were accepted, merged, declined; in the intake cards' own query (the page costs the same for 1 or 30)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from petitions.models import YouthQuestion
from petitions.questions import moderation
from petitions.questions.models import DeclineReason
from tests.questions.conftest import confirmed_question, sent_question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _many_from_one_sender(settings):
    settings.QUESTION_RATE_LIMIT = 1000


def _home(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_card_shows_the_counts_and_the_oldest_waiting_question(client, sender, world):
    first = confirmed_question(sender, world)
    YouthQuestion.objects.filter(pk=first.pk).update(confirmed_at=timezone.now() - timedelta(days=3))
    confirmed_question(sender, world)
    declined = confirmed_question(sender, world)
    moderation.question_decline(question=declined, reason=DeclineReason.UNCLEAR, actor=world.union_trang_dinh)
    sent_question(sender, world)  # unconfirmed: not counted
    confirmed_question(sender, world, bridge_point=world.sites["Hợp Thành"].pk)  # another district's
    client.force_login(world.union_trang_dinh)
    page, _queries = _home(client)
    card = page[page.index("Câu hỏi thanh niên gửi trực tuyến") :]
    assert '<div class="display-6">2</div>' in card
    oldest = timezone.localtime(YouthQuestion.objects.get(pk=first.pk).confirmed_at)
    assert f"xác nhận lúc {oldest:%d/%m/%Y %H:%M}, đã chờ 3 ngày" in card
    assert reverse("petitions:question_queue") in card


def test_the_card_costs_no_query_of_its_own(client, sender, world):
    confirmed_question(sender, world)
    client.force_login(world.union_trang_dinh)
    _page, one = _home(client)
    for _ in range(30):
        confirmed_question(sender, world)
    page, many = _home(client)
    assert one == many
    assert '<div class="display-6">31</div>' in page


def test_people_who_do_not_moderate_see_no_card(client, sender, world):
    confirmed_question(sender, world)
    for user in (world.ha, world.officer):
        client.force_login(user)
        assert "Câu hỏi thanh niên gửi trực tuyến" not in _home(client)[0]
