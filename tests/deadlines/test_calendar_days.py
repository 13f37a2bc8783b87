"""Calendar-day limits follow Civil Code Arts. 147-148."""

from datetime import date

import pytest

from conferences import workdays

pytestmark = pytest.mark.django_db


def test_10_calendar_days_after_23_march_2023_end_sunday_and_roll_to_monday_3_april():
    deadline = workdays.add_calendar_days(date(2023, 3, 23), 10)
    assert deadline.due == date(2023, 4, 3)
    assert deadline.rule == "calendar_days"
    assert "ngày cuối 02/04/2023 là ngày nghỉ (Chủ nhật)" in deadline.explanation
    assert deadline.explanation.endswith("hạn 03/04/2023 (Thứ Hai)")


def test_the_first_day_is_not_counted():
    assert workdays.add_calendar_days(date(2024, 3, 4), 1).due == date(2024, 3, 5)


def test_a_last_day_on_a_holiday_rolls_past_the_whole_holiday():
    # 20/04/2025 + 10 days = Wednesday 30/04; 30/04, 01/05, 02/05 (swap) and the weekend are off.
    deadline = workdays.add_calendar_days(date(2025, 4, 20), 10)
    assert deadline.due == date(2025, 5, 5)
    assert "Ngày Chiến thắng" in deadline.explanation


def test_a_last_day_on_a_worked_saturday_does_not_roll():
    assert workdays.add_calendar_days(date(2025, 4, 16), 10).due == date(2025, 4, 26)


def test_a_last_day_on_a_working_day_stays():
    deadline = workdays.add_calendar_days(date(2024, 3, 4), 10)
    assert deadline.due == date(2024, 3, 14)
    assert deadline.explanation == "10 ngày theo lịch từ 04/03/2024 (không tính ngày đầu); hạn 14/03/2024"
