import pytest
from django.urls import reverse

from conferences.models import EmailState, OutgoingEmail
from conferences.notifications import outbox
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_requeues_failed_emails_from_the_admin(client, world, django_capture_on_commit_callbacks):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    rendered = outbox.Rendered(subject="Nhắc việc", text="Thư", html="")
    failed, _ = outbox.enqueue(recipient=world.officer, kind="digest", dedupe_key="a", rendered=rendered, send=False)
    sent, _ = outbox.enqueue(recipient=world.officer, kind="digest", dedupe_key="b", rendered=rendered, send=False)
    OutgoingEmail.objects.filter(pk=failed.pk).update(state=EmailState.FAILED, attempts=5)
    OutgoingEmail.objects.filter(pk=sent.pk).update(state=EmailState.SENT, attempts=1)
    client.login(username=admin_user.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("admin:conferences_outgoingemail_changelist"),
            {"action": "requeue_failed", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert "Đã xếp gửi lại 1 thư." in response.content.decode()
    assert len(callbacks) == 1
    assert OutgoingEmail.objects.get(pk=failed.pk).state == EmailState.PENDING
    assert OutgoingEmail.objects.get(pk=failed.pk).attempts == 0
    assert OutgoingEmail.objects.get(pk=sent.pk).state == EmailState.SENT
