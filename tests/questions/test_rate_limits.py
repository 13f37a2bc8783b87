"""Abuse without outside services: at most QUESTION_RATE_LIMIT questions an hour from one client address and from
one contact; refused attempts get a clear Vietnamese message and store nothing, also when the cache is down."""

import pytest
from django.test import Client, override_settings

from conferences.models import OutgoingEmail
from petitions.models import YouthQuestion
from petitions.questions import ratelimit
from tests.questions.conftest import fresh_address, fresh_email, send

pytestmark = pytest.mark.django_db

DEAD_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_a_burst_from_one_address_stores_at_most_the_limit(sender, world, settings):
    settings.QUESTION_RATE_LIMIT = 5
    statuses = [send(sender, world, email=fresh_email()).status_code for _ in range(12)]
    assert statuses == [302] * 5 + [429] * 7
    assert YouthQuestion.objects.count() == 5
    assert OutgoingEmail.objects.count() == 5  # refused attempts wrote nothing, not even a message


def test_the_refusal_says_why_in_vietnamese_and_keeps_the_text(sender, world, settings):
    settings.QUESTION_RATE_LIMIT = 1
    send(sender, world, email=fresh_email())
    response = send(sender, world, email=fresh_email(), content="Câu hỏi thứ hai của em về học bổng?")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Từ địa chỉ mạng này đã có 1 câu hỏi được gửi trong một giờ qua" in page
    assert "câu hỏi vừa nhập chưa được lưu" in page
    assert "Câu hỏi thứ hai của em về học bổng?" in page


def test_one_contact_from_many_addresses_stores_at_most_the_limit(world, settings):
    settings.QUESTION_RATE_LIMIT = 3
    email = fresh_email()
    statuses = [send(Client(REMOTE_ADDR=fresh_address()), world, email=email).status_code for _ in range(6)]
    assert statuses == [302] * 3 + [429] * 3
    assert YouthQuestion.objects.filter(email=email).count() == 3


def test_people_behind_different_addresses_are_not_limited_by_each_other(world, settings):
    settings.QUESTION_RATE_LIMIT = 2
    for _ in range(6):
        assert send(Client(REMOTE_ADDR=fresh_address()), world, email=fresh_email()).status_code == 302
    assert YouthQuestion.objects.count() == 6


def test_with_the_cache_down_the_database_counts_what_was_stored(world, settings):
    settings.QUESTION_RATE_LIMIT = 3
    client = Client(REMOTE_ADDR=fresh_address())
    with override_settings(CACHES=DEAD_CACHE):
        statuses = [send(client, world, email=fresh_email()).status_code for _ in range(6)]
    assert statuses == [302] * 3 + [429] * 3
    assert YouthQuestion.objects.count() == 3


def test_the_client_address_comes_from_the_trusted_proxy_only(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="127.0.0.1")
    settings.PROXY_COUNT = 0
    assert ratelimit.client_address(request) == "127.0.0.1"
    settings.PROXY_COUNT = 1
    assert ratelimit.client_address(request) == "203.0.113.9"  # the address our proxy saw, not the forged one


def test_keys_hold_no_address_or_contact(world, settings):
    assert "10.0.0.1" not in ratelimit.digest("10.0.0.1")
    assert len(ratelimit.digest("ten@gmail.com")) == 32
