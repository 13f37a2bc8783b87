"""Writes on a person's own notification settings and notices, and the administrators' resend of failed messages."""

from django.db import transaction
from django.utils import timezone

from ..audit import record
from ..models import EmailState, Membership, Notification, OutgoingEmail
from .outbox import dispatch_after_commit


def membership_set_digest_only(*, membership: Membership, digest_only: bool, actor) -> Membership:
    """A person chooses whether assignments and returns email them at once or only in the daily digest."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.digest_only == digest_only:
            return membership
        membership.digest_only = digest_only
        membership.save(update_fields=["digest_only"])
        record(actor=actor, action="membership.digest_only", target=membership, digest_only=digest_only)
    return membership


def notifications_mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when ids is None). Others' rows are never touched."""
    qs = Notification.objects.filter(user=user).unread()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def outbox_resend_failed(*, actor, ids: list[int] | None = None) -> int:
    """Failed messages (all of them, or the chosen ones) go back to 'pending' with a fresh retry window and are
    queued after commit (the sweeper queues them if the broker is down). Audited per message. Returns how many."""
    with transaction.atomic():
        rows = OutgoingEmail.objects.failed().select_for_update()
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        chosen = list(rows.only("pk", "kind", "attempts", "last_error").order_by("pk"))
        OutgoingEmail.objects.filter(pk__in=[row.pk for row in chosen], state=EmailState.FAILED).update(
            state=EmailState.PENDING, attempts=0, next_attempt_at=None, failing_since=None
        )
        for row in chosen:
            record(
                actor=actor,
                action="outbox.resend",
                target=row,
                kind=row.kind,
                attempts=row.attempts,
                last_error=row.last_error[:200],
            )
            dispatch_after_commit(row.pk)
    return len(chosen)
