"""Working-day arithmetic on the Vietnamese calendar (holidays package, country VN)."""

from datetime import date

import pytest

from conferences import workdays

pytestmark = pytest.mark.django_db


def test_45_working_days_after_12_april_2024_is_19_june_2024():
    deadline = workdays.add_working_days(date(2024, 4, 12), 45)
    assert deadline.due == date(2024, 6, 19)
    assert deadline.rule == "working_days"


def test_the_explanation_names_the_skipped_holidays_and_the_worked_saturday():
    explanation = workdays.add_working_days(date(2024, 4, 12), 45).explanation
    assert explanation.startswith("45 ngày làm việc từ 12/04/2024: bỏ qua 18/04 (Ngày Giỗ Tổ Hùng Vương), 29/04-01/05")
    assert "Thứ Bảy 04/05" in explanation
    assert explanation.endswith("hạn 19/06/2024")


def test_tet_2024_is_skipped_as_one_run_from_8_to_14_february():
    deadline = workdays.add_working_days(date(2024, 2, 7), 1)
    assert deadline.due == date(2024, 2, 15)
    assert "bỏ qua 08/02-14/02 (Tết Nguyên đán)" in deadline.explanation


@pytest.mark.parametrize("day", [date(2025, 1, 27), date(2025, 1, 28), date(2025, 1, 29), date(2025, 1, 31)])
def test_tet_2025_weekdays_are_days_off(day):
    assert not workdays.is_working_day(day)


def test_first_working_day_after_tet_2025_is_monday_3_february():
    assert workdays.add_working_days(date(2025, 1, 24), 1).due == date(2025, 2, 3)


def test_2025_swap_gives_friday_2_may_off_and_makes_saturday_26_april_a_working_day():
    assert not workdays.is_working_day(date(2025, 5, 2))
    assert workdays.is_working_day(date(2025, 4, 26))
    # Friday 25/04 + 1 working day is the worked Saturday, not Monday.
    assert workdays.add_working_days(date(2025, 4, 25), 1).due == date(2025, 4, 26)
    # Tuesday 29/04 + 1 skips 30/04, 01/05 and the swapped 02/05 and the weekend.
    assert workdays.add_working_days(date(2025, 4, 29), 1).due == date(2025, 5, 5)


@pytest.mark.parametrize("day", [date(2024, 4, 18), date(2025, 4, 7)])
def test_hung_kings_day_is_a_day_off(day):
    assert not workdays.is_working_day(day)
    assert "Hùng Vương" in workdays.current_calendar().day_off_name(day)


@pytest.mark.parametrize(
    ("day", "adjacent"), [(date(2024, 9, 2), date(2024, 9, 3)), (date(2025, 9, 2), date(2025, 9, 1))]
)
def test_2_september_and_its_adjacent_day_are_off(day, adjacent):
    assert not workdays.is_working_day(day)
    assert not workdays.is_working_day(adjacent)


def test_national_day_2025_skips_from_friday_29_august_to_wednesday_3_september():
    deadline = workdays.add_working_days(date(2025, 8, 29), 1)
    assert deadline.due == date(2025, 9, 3)
    assert "01/09-02/09 (Quốc khánh)" in deadline.explanation


def test_ordinary_weekends_are_not_working_days_and_weekdays_are():
    assert not workdays.is_working_day(date(2024, 3, 23))  # Saturday
    assert not workdays.is_working_day(date(2024, 3, 24))  # Sunday
    assert workdays.is_working_day(date(2024, 3, 25))


def test_working_days_between_is_the_inverse_of_add_working_days():
    start = date(2024, 4, 12)
    for n in (1, 5, 13, 45, 120):
        assert workdays.working_days_between(start, workdays.add_working_days(start, n).due) == n
    assert workdays.working_days_between(date(2024, 6, 19), start) == -45


def test_negative_count_gives_working_days_before_a_date():
    deadline = workdays.add_working_days(date(2024, 4, 22), -3)
    # Back from Monday 22/04: Friday 19/04, (Thursday 18/04 Hùng Kings), Wednesday 17/04, Tuesday 16/04.
    assert deadline.due == date(2024, 4, 16)
    assert deadline.explanation.startswith("3 ngày làm việc trước 22/04/2024: bỏ qua 18/04")


def test_fixed_date_and_end_of_year():
    assert workdays.fixed_date(date(2024, 5, 5)).due == date(2024, 5, 5)
    deadline = workdays.end_of_year(date(2024, 4, 12))
    assert deadline.due == date(2024, 12, 31)
    assert deadline.rule == "end_of_year"
    assert "31/12/2024" in deadline.explanation


def test_compute_dispatches_on_the_stored_rule():
    assert workdays.compute("working_days", base=date(2024, 4, 12), count=45).due == date(2024, 6, 19)
    assert workdays.compute("calendar_days", base=date(2023, 3, 23), count=10).due == date(2023, 4, 3)
    with pytest.raises(ValueError):
        workdays.compute("someday", base=date(2024, 1, 1))
