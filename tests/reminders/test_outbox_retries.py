import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

from conferences.models import EmailState, OutgoingEmail
from conferences.notifications import outbox
from conferences.notifications.outbox import send_outgoing_email
from tests.reminders.backends import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FlakyBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 4
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    FlakyBackend.failures_left = 0
    FlakyBackend.calls = 0
    FlakyBackend.error = smtplib.SMTPServerDisconnected("Máy chủ thư ngắt kết nối")
    yield FlakyBackend
    FlakyBackend.failures_left = 0


def _email(user):
    rendered = outbox.Rendered(subject="Nhắc việc", text="Thư", html="")
    return outbox.enqueue(recipient=user, kind="digest", dedupe_key="retry:1", rendered=rendered, send=False)[0]


def _make_due(email):
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_an_smtp_failure_leaves_the_row_pending_with_backoff_and_the_error(world, flaky, mailoutbox):
    flaky.failures_left = 1
    email = _email(world.officer)
    with pytest.raises(outbox.RetryLater) as later:
        outbox.deliver(email.pk)
    assert later.value.countdown == 60
    email.refresh_from_db()
    assert email.state == EmailState.PENDING
    assert email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert mailoutbox == []


def test_the_backoff_doubles_with_each_attempt_up_to_the_cap(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    settings.OUTBOX_RETRY_MAX_SECONDS = 300
    assert [outbox.backoff_seconds(n) for n in (1, 2, 3, 4, 5)] == [60, 120, 240, 300, 300]


def test_a_row_is_not_claimed_before_its_backoff_has_elapsed(world, flaky):
    flaky.failures_left = 1
    email = _email(world.officer)
    with pytest.raises(outbox.RetryLater):
        outbox.deliver(email.pk)
    with pytest.raises(outbox.RetryLater) as later:
        outbox.deliver(email.pk)
    assert 0 < later.value.countdown <= 61
    assert flaky.calls == 1


def test_three_failures_then_success_sends_once(world, flaky, mailoutbox):
    flaky.failures_left = 3
    email = _email(world.officer)
    for _attempt in range(3):
        with pytest.raises(outbox.RetryLater):
            outbox.deliver(email.pk)
        _make_due(email)
    assert outbox.deliver(email.pk) == EmailState.SENT
    assert outbox.deliver(email.pk) == "skipped"
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert email.attempts == 4 and email.state == EmailState.SENT and email.last_error == ""


def test_after_the_last_attempt_the_row_fails_for_good(world, flaky, mailoutbox):
    flaky.failures_left = 10
    email = _email(world.officer)
    for _attempt in range(3):
        with pytest.raises(outbox.RetryLater):
            outbox.deliver(email.pk)
        _make_due(email)
    assert outbox.deliver(email.pk) == EmailState.FAILED
    assert outbox.deliver(email.pk) == "skipped"
    assert outbox.sweep(publish_rows=False).queued == []
    email.refresh_from_db()
    assert email.state == EmailState.FAILED and email.attempts == 4 and email.next_attempt_at is None
    assert mailoutbox == []


def test_a_permanent_smtp_refusal_fails_at_once(world, flaky, mailoutbox):
    flaky.failures_left = 1
    flaky.error = smtplib.SMTPRecipientsRefused({"x@example.gov.vn": (550, b"No such user")})
    email = _email(world.officer)
    assert outbox.deliver(email.pk) == EmailState.FAILED
    email.refresh_from_db()
    assert email.attempts == 1 and "SMTPRecipientsRefused" in email.last_error


def test_an_administrator_can_requeue_a_failed_row(world, flaky, mailoutbox, django_capture_on_commit_callbacks):
    flaky.error = smtplib.SMTPRecipientsRefused({"x@example.gov.vn": (550, b"No such user")})
    flaky.failures_left = 1
    email = _email(world.officer)
    outbox.deliver(email.pk)
    with django_capture_on_commit_callbacks(execute=False):
        assert outbox.requeue_failed(email.pk) is True
    assert outbox.deliver(email.pk) == EmailState.SENT
    assert len(mailoutbox) == 1


def test_the_task_in_process_leaves_a_failed_send_to_the_sweeper_instead_of_looping(world, flaky):
    flaky.failures_left = 1
    email = _email(world.officer)
    assert send_outgoing_email.apply(args=(email.pk,)).get() == "retry_later"
    assert flaky.calls == 1
    email.refresh_from_db()
    assert email.state == EmailState.PENDING
