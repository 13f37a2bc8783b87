"""`manage.py deadline` prints the due date for officers and scripts."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


def test_working_days_prints_the_iso_date():
    assert _run("--from", "2024-04-12", "--working-days", "45") == "2024-06-19\n"


def test_calendar_days_roll_forward_and_accept_vietnamese_dates():
    assert _run("--from", "23/03/2023", "--days", "10") == "2023-04-03\n"


def test_explain_prints_how_the_date_was_computed():
    lines = _run("--from", "2024-04-12", "--working-days", "45", "--explain").splitlines()
    assert lines[0] == "2024-06-19"
    assert "bỏ qua 18/04" in lines[1]


def test_a_bad_date_is_refused_with_a_vietnamese_message():
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        _run("--from", "12-04-2024", "--days", "3")
