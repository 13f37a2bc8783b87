"""Issue 16 item 7: after a long SMTP outage (15 minutes with the old defaults) messages were failed for good with no
alert. Now a failing message is retried with a capped backoff for a day from its first failure, admins see the
failed count on their home page and resend from there."""

import smtplib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.audit import history_for
from conferences.models import EmailState, OutgoingEmail, Role
from conferences.notifications import outbox
from conferences.notifications.outbox import send_outgoing_email
from tests.factories import AgencyFactory, UserFactory, make_user
from tests.reminders.backends import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def down(settings, mailoutbox):
    """The mail server refuses every connection until `down.failures_left = 0`; the outbox settings are the
    portal's defaults (dialogue_portal/settings.py) except where a test says otherwise."""
    settings.EMAIL_BACKEND = "tests.reminders.backends.FlakyBackend"
    for name in ("OUTBOX_MAX_ATTEMPTS", "OUTBOX_RETRY_FOR_SECONDS", "OUTBOX_RETRY_BASE_SECONDS"):
        assert hasattr(settings, name)
    FlakyBackend.failures_left = 10_000
    FlakyBackend.calls = 0
    FlakyBackend.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    yield FlakyBackend
    FlakyBackend.failures_left = 0


def _row(user, key="outage:1"):
    rendered = outbox.Rendered(subject="Nhắc việc", text="Thư", html="")
    return outbox.enqueue(recipient=user, kind="digest", dedupe_key=key, rendered=rendered, send=False)[0]


def _fail_once(row):
    with pytest.raises(outbox.RetryLater) as later:
        outbox.deliver(row.pk)
    OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    return later.value.countdown


def _age(row, **delta):
    """Move the start of the row's failing run into the past (time passing, without waiting)."""
    OutgoingEmail.objects.filter(pk=row.pk).update(failing_since=timezone.now() - timedelta(**delta))


@pytest.fixture
def user(db):
    return UserFactory()


def test_the_defaults_retry_for_a_day_with_a_capped_backoff(settings):
    from dialogue_portal import settings as portal

    assert portal.OUTBOX_RETRY_FOR_SECONDS >= 86400 and portal.OUTBOX_MAX_ATTEMPTS == 0
    settings.OUTBOX_RETRY_BASE_SECONDS = portal.OUTBOX_RETRY_BASE_SECONDS
    settings.OUTBOX_RETRY_MAX_SECONDS = portal.OUTBOX_RETRY_MAX_SECONDS
    waits = [outbox.backoff_seconds(n) for n in range(1, 40)]
    assert max(waits) == 3600 and sum(waits) > 86400  # the attempts span more than the day


def test_a_fifteen_minute_outage_no_longer_fails_a_message(user, down, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 0
    settings.OUTBOX_RETRY_FOR_SECONDS = 86400
    row = _row(user)
    countdowns = [_fail_once(row) for _ in range(8)]  # 60+120+240+480+960+1920+3600: well past 15 minutes
    assert countdowns[-2:] == [3600, 3600]
    row.refresh_from_db()
    assert row.state == EmailState.PENDING and row.attempts == 8 and row.failing_since is not None
    down.failures_left = 0
    assert outbox.deliver(row.pk) == EmailState.SENT
    row.refresh_from_db()
    assert row.failing_since is None and row.last_error == ""


def test_a_message_still_failing_after_a_day_fails_for_good(user, down, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 0
    settings.OUTBOX_RETRY_FOR_SECONDS = 86400
    row = _row(user)
    _fail_once(row)
    _age(row, hours=23, minutes=59)
    _fail_once(row)
    assert OutgoingEmail.objects.get(pk=row.pk).state == EmailState.PENDING
    _age(row, hours=24, seconds=1)
    assert outbox.deliver(row.pk) == EmailState.FAILED
    row.refresh_from_db()
    assert row.state == EmailState.FAILED and "SMTPServerDisconnected" in row.last_error


def test_a_long_wait_is_left_to_the_sweeper_not_held_by_the_broker(user, down, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 1800
    row = _row(user)
    send_outgoing_email.push_request(is_eager=False)
    try:
        assert send_outgoing_email.run(row.pk) == "retry_later"
    finally:
        send_outgoing_email.pop_request()
    row.refresh_from_db()
    assert row.state == EmailState.PENDING and row.next_attempt_at > timezone.now() + timedelta(minutes=29)
    OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert outbox.sweep(publish_rows=False).queued == [row.pk]


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _failed_rows(user, n):
    rows = [_row(user, key=f"failed:{i}") for i in range(n)]
    OutgoingEmail.objects.filter(pk__in=[r.pk for r in rows]).update(
        state=EmailState.FAILED, attempts=31, failing_since=timezone.now() - timedelta(days=1), last_error="boom"
    )
    return rows


def test_admins_see_the_failed_count_on_their_home_page_and_resend_from_there(
    admin_client, user, mailoutbox, django_capture_on_commit_callbacks
):
    rows = _failed_rows(user, 3)
    page = admin_client.get(reverse("home")).content.decode()
    assert 'data-testid="failed-count">3<' in page and "Gửi lại 3 tin" in page
    with django_capture_on_commit_callbacks(execute=False):
        admin_client.post(reverse("outbox:resend"), {"scope": "all", "next": "home"})
    for row in rows:
        row.refresh_from_db()
        assert (row.state, row.attempts, row.failing_since) == (EmailState.PENDING, 0, None)
        assert outbox.deliver(row.pk) == EmailState.SENT
        assert outbox.deliver(row.pk) == "skipped"
        assert [e.action for e in history_for(row)] == ["outbox.resend"]
    assert len(mailoutbox) == 3
    assert 'data-testid="failed-count">0<' in admin_client.get(reverse("home")).content.decode()


def test_admins_resend_chosen_messages_from_the_list(admin_client, user, django_capture_on_commit_callbacks):
    first, second = _failed_rows(user, 2)
    page = admin_client.get(reverse("outbox:failed")).content.decode()
    assert user.email in page and "boom" in page
    with django_capture_on_commit_callbacks(execute=False):
        admin_client.post(reverse("outbox:resend"), {"scope": "chosen", "ids": [second.pk]})
    states = dict(OutgoingEmail.objects.values_list("pk", "state"))
    assert (states[first.pk], states[second.pk]) == (EmailState.FAILED, EmailState.PENDING)


@pytest.mark.parametrize("role", [Role.HOME_AFFAIRS, Role.YOUTH_UNION, Role.AGENCY_OFFICER, Role.LEADER])
def test_other_people_neither_see_nor_resend_failed_messages(client, user, role):
    _failed_rows(user, 1)
    client.force_login(make_user(role, AgencyFactory()))
    assert "failed-count" not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("outbox:failed")).status_code == 403
    assert client.post(reverse("outbox:resend"), {"scope": "all"}).status_code == 403
    assert OutgoingEmail.objects.failed().count() == 1
