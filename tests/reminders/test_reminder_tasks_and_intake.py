"""Reminders for conclusion tasks (before, on, overdue, next year's conference) and for petition intake."""

from datetime import date

import pytest

from conclusions.models import DirectiveStatus, NoticeState
from conferences.deadlines import DeadlineRule
from conferences.models import ConferenceStatus, IntakeSubmission, ReminderRecord
from conferences.notifications.reminders import run_pass
from tests.factories import ConferenceFactory
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _stages(user, item_key):
    return sorted(ReminderRecord.objects.filter(user=user, item_key=item_key).values_list("stage", flat=True))


def test_a_task_due_within_five_working_days_reminds_its_owner_agency(world, task):
    directive = task(world.labour, date(2024, 11, 27))  # Thu, Fri, Mon, Tue, Wed = 5
    later = task(world.labour, date(2024, 11, 28))
    run_pass(day=DAY)
    assert _stages(world.officer, f"directive:{directive.pk}") == ["due_soon"]
    assert _stages(world.officer, f"directive:{later.pk}") == []


def test_a_task_due_today_and_an_overdue_task_are_reminded_and_escalated_like_answers(world, task):
    today = task(world.finance, DAY)
    late = task(world.labour, date(2024, 11, 12), status=DirectiveStatus.IN_PROGRESS)
    run_pass(day=DAY)
    assert _stages(world.finance_officer, f"directive:{today.pk}") == ["due_today"]
    assert _stages(world.officer, f"directive:{late.pk}") == ["overdue:4"]
    assert _stages(world.home_affairs, f"directive:{late.pk}") == ["escalated:5"]


@pytest.mark.parametrize("status", [DirectiveStatus.REPORTED_DONE, DirectiveStatus.DONE, DirectiveStatus.CANCELLED])
def test_tasks_reported_done_finished_or_cancelled_are_not_reminded(world, task, status):
    task(world.labour, date(2024, 11, 19), status=status)
    assert run_pass(day=DAY).reminders == 0


def test_tasks_of_a_draft_notice_are_not_reminded(world, task, issued_notice):
    draft = issued_notice(state=NoticeState.DRAFT, number=None)
    task(world.labour, date(2024, 11, 19), notice=draft)
    assert run_pass(day=DAY).reminders == 0


def test_a_next_conference_task_is_reminded_once_the_next_conference_of_the_unit_exists(world, task, issued_notice):
    notice_2023 = issued_notice(conference=ConferenceFactory(organising_unit=world.province, year=2023), number=7)
    directive = task(world.provincial_union, kind=DeadlineRule.NEXT_CONFERENCE, notice=notice_2023)
    other_unit = ConferenceFactory(organising_unit=world.district, year=2024)
    assert other_unit.pk
    # The world's 2024 conference of the same province exists (planned 26/03/2024, in the past).
    run_pass(day=DAY)
    stages = _stages(world.union_staff, f"directive:{directive.pk}")
    assert stages == [f"next:{world.conference.pk}", "overdue:1"] or stages[0] == f"next:{world.conference.pk}"
    assert ReminderRecord.objects.filter(user=world.union_staff, stage=f"next:{world.conference.pk}").count() == 1


def test_a_next_conference_task_without_a_next_conference_is_left_alone(world, task, issued_notice):
    notice = issued_notice(conference=ConferenceFactory(organising_unit=world.district, year=2024), number=8)
    task(world.district_union, kind=DeadlineRule.NEXT_CONFERENCE, notice=notice)
    assert run_pass(day=DAY).reminders == 0


def _collecting(world, **deadlines):
    conference = world.conference
    conference.status = ConferenceStatus.COLLECTING
    for field, value in deadlines.items():
        setattr(conference, field, value)
    conference.save()
    return conference


def test_district_unions_are_reminded_before_the_site_deadline_and_the_province_union_before_its_own(world):
    _collecting(world, site_intake_deadline=date(2024, 11, 22), union_intake_deadline=DAY)
    run_pass(day=DAY)
    key_district = f"intake:{world.conference.pk}:{world.district_union.pk}"
    key_province = f"intake:{world.conference.pk}:{world.provincial_union.pk}"
    assert _stages(world.district_union_staff, key_district) == ["due_soon"]
    assert _stages(world.union_staff, key_province) == ["due_today"]
    assert _stages(world.officer, key_district) == []


def test_the_province_union_is_reminded_when_late_but_sites_are_not(world):
    _collecting(world, site_intake_deadline=date(2024, 11, 19), union_intake_deadline=date(2024, 11, 19))
    run_pass(day=DAY)
    assert _stages(world.union_staff, f"intake:{world.conference.pk}:{world.provincial_union.pk}") == ["overdue:1"]
    assert _stages(world.district_union_staff, f"intake:{world.conference.pk}:{world.district_union.pk}") == []


def test_a_union_that_has_handed_in_is_not_reminded(world):
    _collecting(world, site_intake_deadline=date(2024, 11, 22), union_intake_deadline=date(2024, 11, 22))
    IntakeSubmission.objects.create(
        conference=world.conference, agency=world.district_union, submitted_by=world.district_union_staff
    )
    run_pass(day=DAY)
    assert not ReminderRecord.objects.filter(user=world.district_union_staff).exists()
    assert ReminderRecord.objects.filter(user=world.union_staff).exists()


def test_intake_is_not_reminded_once_the_conference_stopped_collecting(world):
    _collecting(world, site_intake_deadline=date(2024, 11, 22), union_intake_deadline=date(2024, 11, 22))
    world.conference.status = ConferenceStatus.ANSWERING
    world.conference.save()
    assert run_pass(day=DAY).reminders == 0
