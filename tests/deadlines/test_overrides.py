"""The admin-editable table of extra days off and extra working days wins over the holidays package."""

from datetime import date

import pytest

from conferences import workdays
from conferences.models import CalendarOverride, CalendarOverrideKind

pytestmark = pytest.mark.django_db


def test_an_extra_day_off_is_skipped_and_named_in_the_explanation():
    before = workdays.add_working_days(date(2024, 3, 4), 3).due
    CalendarOverride.objects.create(date=date(2024, 3, 5), kind=CalendarOverrideKind.DAY_OFF, reason="Bầu cử bổ sung")
    workdays.invalidate()
    deadline = workdays.add_working_days(date(2024, 3, 4), 3)
    assert before == date(2024, 3, 7)
    assert deadline.due == date(2024, 3, 8)
    assert "05/03 (Bầu cử bổ sung)" in deadline.explanation


def test_an_extra_working_saturday_counts():
    CalendarOverride.objects.create(date=date(2024, 3, 9), kind=CalendarOverrideKind.WORKING_DAY, reason="Làm bù")
    workdays.invalidate()
    assert workdays.is_working_day(date(2024, 3, 9))
    assert workdays.add_working_days(date(2024, 3, 8), 1).due == date(2024, 3, 9)


def test_an_override_can_cancel_a_package_swap():
    CalendarOverride.objects.create(date=date(2025, 5, 2), kind=CalendarOverrideKind.WORKING_DAY)
    CalendarOverride.objects.create(date=date(2025, 4, 26), kind=CalendarOverrideKind.DAY_OFF)
    workdays.invalidate()
    assert workdays.is_working_day(date(2025, 5, 2))
    assert not workdays.is_working_day(date(2025, 4, 26))


def test_the_override_table_is_read_once_and_then_served_from_the_cache(django_assert_num_queries):
    workdays.invalidate()
    with django_assert_num_queries(1):
        workdays.add_working_days(date(2024, 4, 12), 45)
        workdays.add_calendar_days(date(2023, 3, 23), 10)
        workdays.working_days_between(date(2024, 1, 1), date(2024, 12, 31))


def test_without_invalidation_a_new_override_is_not_seen_until_the_cache_is_dropped():
    assert workdays.is_working_day(date(2024, 3, 5))
    CalendarOverride.objects.create(date=date(2024, 3, 5), kind=CalendarOverrideKind.DAY_OFF)
    assert workdays.is_working_day(date(2024, 3, 5))  # cached snapshot
    workdays.invalidate()
    assert not workdays.is_working_day(date(2024, 3, 5))


def test_with_the_cache_server_down_deadlines_still_count_the_overrides(settings):
    # Port 9 (discard) has no Redis: every cache call fails as it does when Redis is stopped.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    CalendarOverride.objects.create(date=date(2024, 3, 5), kind=CalendarOverrideKind.DAY_OFF, reason="Bầu cử bổ sung")
    workdays.invalidate()
    assert workdays.add_working_days(date(2024, 3, 4), 3).due == date(2024, 3, 8)
