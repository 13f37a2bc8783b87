"""Immediate emails for assignments and returns; digest-only people get them in their next digest instead."""

from datetime import date

import pytest

from conferences.models import Membership, Notification, OutgoingEmail, ReminderRecord
from conferences.notifications.reminders import run_pass
from petitions import notifications as notify
from petitions.models import AnswerState
from tests.factories import AnswerFactory
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def test_a_new_assignment_notifies_and_emails_each_officer_of_the_lead_agency(world, assign):
    assignment = assign(world.labour, date(2024, 12, 2))
    assert notify.assignment_created(assignment.pk) == 2
    emails = OutgoingEmail.objects.filter(kind="assignment").order_by("to_email")
    assert [e.recipient for e in emails] == sorted([world.officer, world.officer2], key=lambda u: u.email)
    email = emails[0]
    assert f"kiến nghị số {assignment.petition.number}" in email.subject
    assert "02/12/2024" in email.subject
    assert assignment.petition.content in email.body_text
    assert Notification.objects.filter(user=world.officer, kind="assignment").count() == 1
    assert not OutgoingEmail.objects.filter(recipient=world.finance_officer).exists()


def test_telling_twice_about_the_same_assignment_changes_nothing(world, assign):
    assignment = assign(world.labour, date(2024, 12, 2))
    notify.assignment_created(assignment.pk)
    assert notify.assignment_created(assignment.pk) == 0
    assert OutgoingEmail.objects.count() == 2
    assert Notification.objects.count() == 2


def test_a_digest_only_officer_gets_no_immediate_email_but_the_event_in_the_next_digest(world, assign):
    Membership.objects.filter(user=world.officer).update(digest_only=True)
    assignment = assign(world.labour, date(2024, 12, 20))
    notify.assignment_created(assignment.pk)
    assert not OutgoingEmail.objects.filter(recipient=world.officer).exists()
    assert OutgoingEmail.objects.filter(recipient=world.officer2, kind="assignment").exists()
    assert Notification.objects.filter(user=world.officer, kind="assignment").exists()
    run_pass(day=DAY)
    digest = OutgoingEmail.objects.get(recipient=world.officer, kind="digest")
    assert "Việc mới được giao, bị trả lại" in digest.body_text
    assert f"Kiến nghị số {assignment.petition.number} được giao" in digest.body_text
    record = ReminderRecord.objects.get(user=world.officer, item_key=f"assignment:{assignment.pk}", stage="created")
    assert record.email == digest
    # Folded once: the next day's pass does not repeat it.
    run_pass(day=date(2024, 11, 21))
    assert OutgoingEmail.objects.filter(recipient=world.officer).count() == 1
    # The officer who wanted immediate emails does not get it again in a digest.
    assert not OutgoingEmail.objects.filter(recipient=world.officer2, kind="digest").exists()


def test_a_returned_answer_emails_the_comment_and_the_pass_does_not_repeat_it(world, assign):
    assignment = assign(world.labour, date(2024, 12, 20))
    answer = AnswerFactory(
        petition=assignment.petition,
        assignment=assignment,
        agency=world.labour,
        state=AnswerState.RETURNED,
        version=4,
        review_comment="Đề nghị nêu rõ <nguồn vốn> & thời gian.",
    )
    assert notify.answer_returned(answer.pk, 4) == 2
    email = OutgoingEmail.objects.filter(kind="answer_returned").first()
    assert "Đề nghị nêu rõ <nguồn vốn> & thời gian." in email.body_text
    assert "Đề nghị nêu rõ &lt;nguồn vốn&gt; &amp; thời gian." in email.body_html
    assert run_pass(day=DAY).reminders == 0


def test_an_assignment_that_no_longer_exists_is_ignored(world):
    assert notify.assignment_created(987654) == 0
    assert notify.answer_returned(987654, 1) == 0


def test_an_assignment_made_in_english_tells_the_officers_in_vietnamese(world):
    from django.utils import translation

    from conferences.deadlines import DeadlineRule, DeadlineSpec
    from petitions.services.answering import assignment_create
    from tests.factories import PetitionFactory

    with translation.override("en"):
        assignment_create(
            petition=PetitionFactory(conference=world.conference, number=77),
            lead_agency=world.labour,
            due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2024, 12, 2)),
            actor=world.home_affairs,
        )
    texts = set(Notification.objects.filter(kind="assignment").values_list("text", flat=True))
    assert texts == {"Kiến nghị số 77 được giao cho cơ quan, hạn trả lời 02/12/2024."}
