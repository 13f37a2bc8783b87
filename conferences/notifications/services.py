"""Writes on a person's own notification settings and notices."""

from django.db import transaction
from django.utils import timezone

from ..audit import record
from ..models import Membership, Notification


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
