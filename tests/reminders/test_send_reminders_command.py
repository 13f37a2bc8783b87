from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conferences.models import Notification, OutgoingEmail, ReminderRecord

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_who_would_get_what_and_writes_nothing(world, assign):
    assignment = assign(world.labour, date(2024, 11, 19))
    output = _run("--dry-run", "--date", "2024-11-20")
    assert "[THỬ, KHÔNG GỬI] Lượt nhắc việc ngày 20/11/2024" in output
    assert world.officer.email in output
    assert f"Kiến nghị số {assignment.petition.number} (hội nghị 2024) quá hạn 1 ngày làm việc" in output
    assert "sẽ gửi 2 thư tổng hợp" in output
    assert not OutgoingEmail.objects.exists()
    assert not Notification.objects.exists()
    assert not ReminderRecord.objects.exists()


def test_a_real_run_writes_the_digests_and_a_second_run_writes_none(world, assign):
    assign(world.labour, date(2024, 11, 19))
    assert "đã xếp gửi 2 thư tổng hợp" in _run("--date", "2024-11-20")
    assert "đã xếp gửi 0 thư tổng hợp" in _run("--date", "2024-11-20")
    assert OutgoingEmail.objects.count() == 2


def test_a_weekend_date_is_reported_and_skipped(world, assign):
    assign(world.labour, date(2024, 11, 19))
    assert "không phải ngày làm việc" in _run("--date", "2024-11-23")
    assert not OutgoingEmail.objects.exists()


def test_a_bad_date_is_a_clear_error(world):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        _run("--date", "20/11/2024")
