"""Telling people about one event, once. Each app words its own events (petitions/notifications.py, ...).

Each `tell` call tells every person concerned once: an in-app Notification, a ReminderRecord for the item and
stage (so the daily reminder pass never repeats it) and, unless the person chose digest-only or has no address, an
outbox email.
Digest-only people get the item in their next daily digest instead (ReminderRecord.email stays empty until then).

Best called inside the service's transaction (the outbox row then commits with the change that caused it); called
after commit it works the same, in its own transactions. Calling twice for the same event changes nothing.
"""

import functools

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from ..models import Notification, ReminderRecord, Role
from ..people import display_name
from . import outbox

# Stages the immediate functions write; the reminder pass folds unsent ones into digest-only people's digests.
IMMEDIATE_STAGES = ("created", "returned:", "owner:", "more:")
AGENCY_STAFF_ROLES = (Role.AGENCY_OFFICER, Role.YOUTH_UNION)


def officers_of(agency_id: int):
    return (
        get_user_model()
        .objects.filter(is_active=True, membership__agency_id=agency_id, membership__role__in=AGENCY_STAFF_ROLES)
        .select_related("membership")
        .order_by("pk")
    )


def url_or_blank(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def wants_email_now(user) -> bool:
    membership = getattr(user, "membership", None)
    return bool(user.email) and not (membership and membership.digest_only)


def in_vietnamese(notify):
    """Notifications and emails are stored for their recipients, so they are written in Vietnamese whatever the
    acting user's interface language."""

    @functools.wraps(notify)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return notify(*args, **kwargs)

    return wrapper


def tell(
    users,
    *,
    kind: str,
    item_key: str,
    stage: str,
    text: str,
    url: str,
    email_context: dict | None = None,
) -> int:
    """Tell each user about one item at one stage, once. Returns how many people were told for the first time.

    email_context=None means in-app only; otherwise an email of template `kind` goes to those who want one now.
    """
    told = 0
    for user in users:
        with transaction.atomic():
            record, created = ReminderRecord.objects.get_or_create(user=user, item_key=item_key, stage=stage)
            if not created:
                continue  # already told this person about this event
            Notification.objects.get_or_create(
                user=user,
                dedupe_key=f"{item_key}:{stage}",
                defaults={"kind": kind, "text": text[:500], "url": url},
            )
            if email_context is not None and wants_email_now(user):
                rendered = outbox.render(
                    kind, {**email_context, "user": user, "name": display_name(user), "url": outbox.absolute_url(url)}
                )
                email, _created = outbox.enqueue(
                    recipient=user,
                    kind=kind,
                    dedupe_key=f"{item_key}:{stage}:user:{user.pk}",
                    rendered=rendered,
                    items=[{"item": item_key, "stage": stage}],
                )
                record.email = email
                record.save(update_fields=["email"])
            told += 1
    return told
