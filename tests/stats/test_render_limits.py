"""Issue 16 item 3: renders and exports are limited per user (429 in Vietnamese, with Retry-After), an identical
render is served from the cache until the data changes, and a cache that does not answer lets the work through.
Counted in the real cache: Redis when REDIS_URL is set (CI), with a key prefix of the test's own."""

import logging

import pytest
from django.urls import reverse

from conferences.audit import record
from conferences.throttle import cached_render

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts the yearly report's renders (the expensive part: the PDF)."""
    from conclusions.stats import views

    made = []
    real = views.render_report

    def counting(report, fmt):
        made.append(fmt)
        return real(report, fmt)

    monkeypatch.setattr(views, "render_report", counting)
    return made


def _report(client, world, fmt="docx"):
    return client.get(
        reverse("conclusions:stats_yearly_report"), {"don_vi": world.district.pk, "nam": 2024, "dinh_dang": fmt}
    )


def test_a_user_over_the_render_rate_gets_a_vietnamese_429_and_others_do_not(client, world, fresh_cache, settings):
    settings.RENDER_RATE = "2/m"
    client.force_login(world.users["home_affairs"])
    assert [_report(client, world).status_code for _ in range(2)] == [200, 200]
    refused = _report(client, world)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert "Bạn vừa yêu cầu tạo hoặc xuất tệp quá nhiều lần trong một phút" in refused.content.decode()
    # The limit is the user's own: a colleague still gets the report.
    client.force_login(world.users["leader"])
    assert _report(client, world).status_code == 200


def test_exports_have_their_own_rate(client, world, fresh_cache, settings):
    # An hour's window: a minute's could turn between the two requests of a slow export and let the second through.
    settings.EXPORT_RATE = "1/h"
    client.force_login(world.users["home_affairs"])
    url = reverse("conclusions:stats_overview_export")
    assert client.get(url, {"don_vi": world.district.pk}).status_code == 200
    assert client.get(url, {"don_vi": world.district.pk}).status_code == 429
    assert _report(client, world).status_code == 200  # renders are counted apart


def test_the_same_report_is_rendered_once_until_the_data_changes(client, world, fresh_cache, renders):
    client.force_login(world.users["home_affairs"])
    first, second = _report(client, world), _report(client, world)
    assert first.content == second.content and renders == ["docx"]
    client.force_login(world.users["leader"])  # anyone who may read it gets the same file
    assert _report(client, world).content == first.content and renders == ["docx"]
    record(actor=None, action="petition.update", target=world.conference, message="sửa")
    _report(client, world)
    assert renders == ["docx", "docx"]


def test_with_the_cache_down_renders_go_through_and_the_outage_is_logged(client, world, settings, caplog, renders):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.RATELIMIT_ENABLE = True
    settings.RENDER_CACHE_SECONDS = 600
    client.force_login(world.users["home_affairs"])
    with caplog.at_level(logging.WARNING):
        assert [_report(client, world).status_code for _ in range(3)] == [200, 200, 200]
    assert renders == ["docx"] * 3
    assert "rate limit render not counted (cache unavailable)" in caplog.text
    assert "render cache unavailable" in caplog.text


def test_a_cached_render_is_keyed_by_what_it_is_made_of(fresh_cache):
    assert cached_render(("a", 1), lambda: (b"one", "text/plain")) == (b"one", "text/plain")
    assert cached_render(("a", 1), lambda: (b"two", "text/plain")) == (b"one", "text/plain")
    assert cached_render(("a", 2), lambda: (b"two", "text/plain")) == (b"two", "text/plain")


def test_while_the_same_render_is_being_made_another_ask_is_answered_at_once(client, world, fresh_cache, renders):
    from conferences import throttle

    client.force_login(world.users["home_affairs"])
    key = throttle._key(("yearly", world.district.pk, 2024, "docx"))
    fresh_cache.add(f"{key}:making", 1, 60)  # another request is laying it out right now
    busy = _report(client, world)
    assert busy.status_code == 429 and busy["Retry-After"] == "5" and renders == []
    assert "Tệp này đang được tạo theo một yêu cầu khác" in busy.content.decode()
    fresh_cache.delete(f"{key}:making")
    assert _report(client, world).status_code == 200 and renders == ["docx"]
