"""When the override table changes (admin), open deadlines are recomputed and the change is logged."""

from datetime import date

import pytest
from django.urls import reverse

from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.models import AuditEvent, CalendarOverride
from petitions.models import AssignmentStage, AssignmentStatus
from petitions.services.answering import assignment_decline
from tests.factories import UserFactory

from .conftest import assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_adding_a_day_off_in_the_admin_moves_open_working_day_deadlines(admin_client, world):
    working = assign(
        world, world.petitions[0], world.labour, due=DeadlineSpec(DeadlineRule.WORKING_DAYS, 45, date(2024, 4, 12))
    )
    declined = assign(
        world, world.petitions[1], world.education, due=DeadlineSpec(DeadlineRule.CALENDAR_DAYS, 10, date(2024, 6, 7))
    )
    assignment_decline(assignment=declined, reason="Không thuộc.", actor=world.officer_education)
    fixed = assign(
        world, world.petitions[2], world.labour, due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2024, 6, 17))
    )
    assert (working.due_date, declined.due_date) == (date(2024, 6, 19), date(2024, 6, 17))

    response = admin_client.post(
        reverse("admin:conferences_calendaroverride_add"),
        {"date": "17/06/2024", "kind": "day_off", "reason": "Nghỉ bù bầu cử"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Đã tính lại hạn theo lịch mới: 2 phân công" in response.content.decode()

    working.refresh_from_db()
    declined.refresh_from_db()
    fixed.refresh_from_db()
    assert working.due_date == date(2024, 6, 20)
    assert "17/06 (Nghỉ bù bầu cử)" in working.due_explanation
    assert declined.due_date == date(2024, 6, 18)  # the last day now falls on a day off and rolls forward
    assert fixed.due_date == date(2024, 6, 17)  # a fixed date is not moved
    event = AuditEvent.objects.get(action="assignment.deadline_recomputed", target_id=working.pk)
    assert event.data == {"old": "2024-06-19", "new": "2024-06-20"}

    # Removing the day again moves them back.
    override = CalendarOverride.objects.get()
    admin_client.post(reverse("admin:conferences_calendaroverride_delete", args=[override.pk]), {"post": "yes"})
    working.refresh_from_db()
    assert working.due_date == date(2024, 6, 19)


def test_closed_assignments_keep_their_deadline(admin_client, world):
    done = assign(
        world, world.petitions[0], world.labour, due=DeadlineSpec(DeadlineRule.WORKING_DAYS, 45, date(2024, 4, 12))
    )
    done.status = AssignmentStatus.ANSWERED
    done.save()
    admin_client.post(
        reverse("admin:conferences_calendaroverride_add"), {"date": "17/06/2024", "kind": "day_off", "reason": "x"}
    )
    done.refresh_from_db()
    assert done.due_date == date(2024, 6, 19)


def test_before_conference_deadlines_are_recomputed_backwards(admin_client, world):
    before = assign(
        world,
        world.petitions[0],
        world.labour,
        due=DeadlineSpec(DeadlineRule.WORKING_DAYS, 5, date(2024, 3, 26)),
        stage=AssignmentStage.BEFORE_CONFERENCE,
    )
    assert before.due_date == date(2024, 3, 19)
    admin_client.post(
        reverse("admin:conferences_calendaroverride_add"), {"date": "20/03/2024", "kind": "day_off", "reason": "x"}
    )
    before.refresh_from_db()
    assert before.due_date == date(2024, 3, 18)
