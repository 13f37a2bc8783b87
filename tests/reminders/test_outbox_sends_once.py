import pytest
from django.core import mail

from conferences.models import EmailState, OutgoingEmail
from conferences.notifications import outbox
from conferences.notifications.outbox import send_outgoing_email

pytestmark = pytest.mark.django_db


def _email(user, key="digest:test:1", text="Nội dung thư", html="<p>Nội dung thư</p>"):
    rendered = outbox.Rendered(subject="Nhắc việc", text=text, html=html)
    return outbox.enqueue(recipient=user, kind="digest", dedupe_key=key, rendered=rendered, send=False)


def test_enqueue_writes_one_row_per_dedupe_key(world):
    first, created = _email(world.officer)
    again, created_again = _email(world.officer)
    assert created and not created_again
    assert first.pk == again.pk
    assert OutgoingEmail.objects.count() == 1
    assert first.state == EmailState.PENDING and first.to_email == world.officer.email


def test_delivering_a_row_twice_sends_it_once(world, mailoutbox):
    email, _ = _email(world.officer)
    assert outbox.deliver(email.pk) == EmailState.SENT
    assert outbox.deliver(email.pk) == "skipped"
    assert send_outgoing_email.apply(args=(email.pk,)).get() == "skipped"
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert email.state == EmailState.SENT and email.attempts == 1 and email.sent_at is not None


def test_a_claimed_row_cannot_be_claimed_by_a_second_worker(world):
    email, _ = _email(world.officer)
    assert outbox.claim(email.pk) is True
    assert outbox.claim(email.pk) is False
    email.refresh_from_db()
    assert email.state == EmailState.SENDING and email.claimed_at is not None


def test_the_message_has_a_text_and_an_html_part_and_an_id_derived_from_the_row(world, mailoutbox):
    email, _ = _email(world.officer)
    outbox.deliver(email.pk)
    message = mailoutbox[0]
    assert message.to == [world.officer.email]
    assert message.body == "Nội dung thư"
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["Message-ID"].startswith(f"<outbox.{email.pk}.")
    assert message.extra_headers["X-Portal-Outbox"] == str(email.pk)


def test_a_row_of_a_deleted_message_is_skipped_quietly(world):
    assert outbox.deliver(987654) == "skipped"


def test_the_send_is_published_only_after_the_transaction_commits(world, django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email, _ = outbox.enqueue(
            recipient=world.officer,
            kind="digest",
            dedupe_key="after-commit",
            rendered=outbox.Rendered("Tiêu đề", "Thư", ""),
        )
        assert OutgoingEmail.objects.get(pk=email.pk).state == EmailState.PENDING
    assert len(callbacks) == 1
    assert mail.outbox == []
