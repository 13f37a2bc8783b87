"""The reminder engine lives in conferences and knows no app: each app registers what it reminds at start-up."""

from datetime import date

import pytest
from django.db import transaction

from conferences.models import Notification, ReminderRecord
from conferences.notifications import reminders
from conferences.notifications.reminders import Group, Reminder, register_source, run_pass
from conferences.notifications.reminders.sources import _sources, registered_sources
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def test_answers_intake_and_conclusion_tasks_are_registered_in_the_order_of_the_apps():
    assert registered_sources() == ["answer", "intake", "directive"]


@pytest.fixture
def extra_source():
    """A source registered for one test, removed afterwards."""
    added = []

    def _register(kind, collect):
        added.append(kind)
        register_source(kind, collect)

    yield _register
    for kind in added:
        _sources.pop(kind, None)


def test_a_registered_source_is_collected_and_delivered_once(world, extra_source):
    def meetings(clock, people):
        text = f"Họp giao ban ngày {reminders.fmt_day(clock.day)}"
        return [Reminder(world.officer.pk, "meeting:1", "due_today", Group.DUE_TODAY, text, "", clock.day)]

    extra_source("meeting", meetings)
    first = run_pass(day=DAY)
    assert first.reminders == 1 and first.emails == 1
    assert Notification.objects.get(user=world.officer).text == "Họp giao ban ngày 20/11/2024"
    assert ReminderRecord.objects.filter(user=world.officer, item_key="meeting:1", stage="due_today").exists()
    assert run_pass(day=DAY).reminders == 0


def test_the_pass_sees_the_working_day_clock_of_its_day(world, extra_source):
    seen = []
    extra_source("clock", lambda clock, people: seen.append(clock.due_stage(date(2024, 11, 25), 3)) or [])
    run_pass(day=DAY)
    assert seen == [("due_soon", 0)]  # Mon 25/11 is 3 working days after Wed 20/11


def test_the_reminder_pass_task_is_queued_only_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        assert reminders.run_reminder_pass.delay() is None
    assert len(callbacks) == 1
