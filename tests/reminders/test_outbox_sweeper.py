from datetime import timedelta

import pytest
from django.utils import timezone

from conferences.models import EmailState, OutgoingEmail
from conferences.notifications import outbox

pytestmark = pytest.mark.django_db


def _email(user, key, **fields):
    rendered = outbox.Rendered(subject="Nhắc việc", text="Thư", html="")
    email = outbox.enqueue(recipient=user, kind="digest", dedupe_key=key, rendered=rendered, send=False)[0]
    OutgoingEmail.objects.filter(pk=email.pk).update(**fields)
    return email


def test_a_row_stuck_in_sending_is_given_back_to_pending_and_queued(world, settings):
    settings.OUTBOX_STUCK_SECONDS = 600
    now = timezone.now()
    stuck = _email(world.officer, "stuck", state=EmailState.SENDING, claimed_at=now - timedelta(minutes=11), attempts=1)
    busy = _email(world.officer, "busy", state=EmailState.SENDING, claimed_at=now - timedelta(minutes=1), attempts=1)
    result = outbox.sweep(publish_rows=False)
    assert result.unstuck == 1
    assert result.queued == [stuck.pk]
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert stuck.state == EmailState.PENDING and stuck.attempts == 1
    assert busy.state == EmailState.SENDING


def test_the_sweeper_queues_due_pending_rows_and_leaves_the_rest(world):
    now = timezone.now()
    due = _email(world.officer, "due")
    retry_due = _email(world.officer, "retry-due", attempts=1, next_attempt_at=now - timedelta(seconds=5))
    _email(world.officer, "waiting", attempts=1, next_attempt_at=now + timedelta(minutes=5))
    _email(world.officer, "sent", state=EmailState.SENT, sent_at=now)
    _email(world.officer, "failed", state=EmailState.FAILED)
    assert sorted(outbox.sweep(publish_rows=False).queued) == sorted([due.pk, retry_due.pk])


def test_a_stuck_row_swept_and_delivered_is_sent_once(world, mailoutbox, settings):
    settings.OUTBOX_STUCK_SECONDS = 60
    email = _email(world.officer, "stuck-once")
    assert outbox.claim(email.pk)
    OutgoingEmail.objects.filter(pk=email.pk).update(claimed_at=timezone.now() - timedelta(minutes=2))
    # The worker died here. The sweeper runs twice (beat fired twice); both queue the row; one send goes out.
    queued = outbox.sweep(publish_rows=False).queued + outbox.sweep(publish_rows=False).queued
    results = [outbox.deliver(pk) for pk in queued]
    assert results == [EmailState.SENT, "skipped"]
    assert len(mailoutbox) == 1
