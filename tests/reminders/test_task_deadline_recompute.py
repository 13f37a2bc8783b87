"""A day off added in the admin also moves the "N working days after issue" tasks of issued notices."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from conclusions.models import DirectiveStatus
from conferences import workdays
from conferences.deadlines import DeadlineRule
from conferences.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_day_off_moves_open_working_day_tasks_and_is_logged(client, world, task):
    due = workdays.add_working_days(date(2024, 4, 5), 45)
    open_task = task(world.labour, due.due, kind=DeadlineRule.WORKING_DAYS, deadline_days=45)
    done_task = task(
        world.labour, due.due, kind=DeadlineRule.WORKING_DAYS, deadline_days=45, status=DirectiveStatus.DONE
    )
    fixed_task = task(world.labour, date(2024, 6, 3), kind=DeadlineRule.FIXED_DATE, deadline_date=date(2024, 6, 3))
    day_off = due.due - timedelta(days=1)
    while not workdays.is_working_day(day_off):
        day_off -= timedelta(days=1)
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:conferences_calendaroverride_add"),
        {"date": f"{day_off:%d/%m/%Y}", "kind": "day_off", "reason": "Nghỉ đột xuất"},
        follow=True,
    )

    assert "0 phân công đang mở và 1 nhiệm vụ của thông báo kết luận" in response.content.decode()
    for directive in (open_task, done_task, fixed_task):
        directive.refresh_from_db()
    assert open_task.due_date == workdays.add_working_days(due.due, 1).due
    assert "Nghỉ đột xuất" in open_task.due_explanation
    assert done_task.due_date == due.due  # finished tasks keep the deadline they were judged by
    assert fixed_task.due_date == date(2024, 6, 3)
    event = AuditEvent.objects.get(action="directive.deadline_recomputed")
    assert (event.target_id, event.data["old"]) == (open_task.pk, due.due.isoformat())
