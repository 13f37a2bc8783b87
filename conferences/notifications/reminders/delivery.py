"""One reminder pass: collect from every source, drop what each person was already told, write the rest once.

How it stays once-only: every (person, item, stage) becomes one ReminderRecord (unique); each person is handled in
one transaction that first locks their user row, so two passes at the same time (beat firing twice) serialise per
person and the second finds everything recorded.

One email per person per pass: the day's digest (dedupe key digest:<day>:user:<pk>:<n>); a second pass the same day
that finds nothing new writes nothing. Immediate events (assignment, return) of people who chose digest-only are
folded into their digest.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ...background import AfterCommitTask
from ...models import Notification, OutgoingEmail, ReminderRecord
from ...people import display_name
from ...workdays import current_calendar
from .. import outbox
from ..tell import IMMEDIATE_STAGES
from .digest import notifications_for, sections
from .kinds import FOLD_WINDOW_DAYS, Group, PassResult, Reminder, UserOutcome
from .sources import collect, fmt_day

log = logging.getLogger(__name__)

# Inserting tens of thousands of rows per pass: on PostgreSQL one INSERT ... SELECT unnest(arrays) per person instead
# of Django model instances (bulk_create spent most of the pass building and quoting them); elsewhere bulk_create.
# Both skip rows that already exist (ON CONFLICT DO NOTHING), so a concurrent tell() cannot fail the pass.


def _insert_records(user_id: int, reminders: list[Reminder], email_id: int | None) -> None:
    if not reminders:
        return
    now = timezone.now()
    if connection.vendor != "postgresql":
        ReminderRecord.objects.bulk_create(
            [
                ReminderRecord(user_id=user_id, item_key=r.item_key, stage=r.stage, email_id=email_id, created_at=now)
                for r in reminders
            ],
            ignore_conflicts=True,
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ReminderRecord._meta.db_table} (user_id, item_key, stage, email_id, created_at) "
            "SELECT %s, item_key, stage, %s, %s FROM unnest(%s::text[], %s::text[]) AS t(item_key, stage) "
            "ON CONFLICT DO NOTHING",
            [user_id, email_id, now, [r.item_key for r in reminders], [r.stage for r in reminders]],
        )


def _insert_notifications(notes: list[Notification]) -> None:
    if not notes:
        return
    if connection.vendor != "postgresql":
        Notification.objects.bulk_create(notes, ignore_conflicts=True)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Notification._meta.db_table} (user_id, kind, text, url, dedupe_key, created_at) "
            "SELECT %s, kind, text, url, dedupe_key, %s "
            "FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[]) AS t(kind, text, url, dedupe_key) "
            "ON CONFLICT DO NOTHING",
            [
                notes[0].user_id,
                timezone.now(),
                [n.kind for n in notes],
                [n.text for n in notes],
                [n.url for n in notes],
                [n.dedupe_key for n in notes],
            ],
        )


def _new_for(user, reminders: list[Reminder]) -> list[Reminder]:
    """The reminders this person has no record of yet, once per (item, stage)."""
    keys = {r.item_key for r in reminders}
    done = set(ReminderRecord.objects.filter(user=user, item_key__in=keys).values_list("item_key", "stage"))
    new: dict[tuple[str, str], Reminder] = {}
    for r in reminders:
        if (r.item_key, r.stage) not in done:
            new.setdefault((r.item_key, r.stage), r)
    return list(new.values())


def _folded_immediate(user) -> list[ReminderRecord]:
    """Immediate events of a digest-only person not yet emailed to them."""
    membership = getattr(user, "membership", None)
    if not (membership and membership.digest_only and user.email):
        return []
    since = timezone.now() - timedelta(days=FOLD_WINDOW_DAYS)
    records = ReminderRecord.objects.filter(user=user, email__isnull=True, created_at__gte=since)
    return [r for r in records if r.stage == "created" or r.stage.startswith(IMMEDIATE_STAGES)]


def _as_reminders(user, folded: list[ReminderRecord]) -> list[Reminder]:
    """Folded events worded as their in-app notices were."""
    if not folded:
        return []
    told = {
        key: (text, url)
        for key, text, url in Notification.objects.filter(
            user=user, dedupe_key__in=[f"{r.item_key}:{r.stage}" for r in folded]
        ).values_list("dedupe_key", "text", "url")
    }
    return [
        Reminder(user.pk, r.item_key, r.stage, Group.NEW, *told.get(f"{r.item_key}:{r.stage}", (r.item_key, "")))
        for r in folded
    ]


def _digest_key(user_id: int, day: date) -> str:
    prefix = f"digest:{day.isoformat()}:user:{user_id}:"
    sent_today = OutgoingEmail.objects.filter(dedupe_key__startswith=prefix).count()
    return f"{prefix}{sent_today + 1}"


def _send_digest(user, name: str, day: date, reminders: list[Reminder]) -> OutgoingEmail:
    context = {"user": user, "name": name, "day": day, "sections": sections(reminders), "count": len(reminders)}
    email, _created = outbox.enqueue(
        recipient=user,
        kind="digest",
        dedupe_key=_digest_key(user.pk, day),
        rendered=outbox.render("digest", context),
        items=[{"item": r.item_key, "stage": r.stage} for r in reminders],
    )
    return email


def _deliver_to(user_id: int, reminders: list[Reminder], day: date, *, dry_run: bool) -> UserOutcome | None:
    with transaction.atomic():
        # The lock serialises concurrent passes (and tell()) for this person: check-then-insert is safe.
        user = (
            get_user_model()
            .objects.select_for_update(of=("self",))
            .select_related("membership")
            .filter(pk=user_id)
            .first()
        )
        if user is None or not user.is_active:
            return None
        new = _new_for(user, reminders)
        folded = _folded_immediate(user)
        all_reminders = [*new, *_as_reminders(user, folded)]
        if not all_reminders:
            return None
        name = display_name(user)
        outcome = UserOutcome(user.pk, name, user.email, all_reminders)
        if dry_run:
            return outcome
        _insert_notifications(notifications_for(user, new, day))
        email = _send_digest(user, name, day, all_reminders) if user.email else None
        outcome.email_id = email.pk if email else None
        _insert_records(user.pk, new, outcome.email_id)
        if folded and email is not None:
            ReminderRecord.objects.filter(pk__in=[r.pk for r in folded], email__isnull=True).update(email=email)
    return outcome


def _digest_only_waiting() -> list[int]:
    """Digest-only people with folded events but nothing due today still get their digest."""
    return list(
        ReminderRecord.objects.filter(
            email__isnull=True,
            user__membership__digest_only=True,
            created_at__gte=timezone.now() - timedelta(days=FOLD_WINDOW_DAYS),
        )
        .exclude(user__email="")
        .values_list("user_id", flat=True)
        .distinct()
    )


def run_pass(*, day: date | None = None, dry_run: bool = False, force: bool = False) -> PassResult:
    """One reminder pass for `day` (today by default). Idempotent: running it again the same day adds nothing."""
    day = day or timezone.localdate()
    result = PassResult(day=day, dry_run=dry_run)
    if not force and not current_calendar().is_working_day(day):
        result.skipped_reason = _("Ngày %(d)s không phải ngày làm việc; không gửi nhắc việc.") % {"d": fmt_day(day)}
        return result
    reminders = collect(day)
    result.candidates = len(reminders)
    by_user: dict[int, list[Reminder]] = defaultdict(list)
    for r in reminders:
        by_user[r.user_id].append(r)
    for user_id in _digest_only_waiting():
        by_user.setdefault(user_id, [])
    with translation.override("vi"):
        for user_id in sorted(by_user):
            outcome = _deliver_to(user_id, by_user[user_id], day, dry_run=dry_run)
            if outcome is not None:
                result.outcomes.append(outcome)
    log.info("reminder pass %s: %s", day, result.summary())
    return result


# The task: a thin adapter on the 'notifications' queue (settings.CELERY_TASK_ROUTES), so slow SMTP retries never
# hold up document rendering. acks_late: a worker that dies mid-pass leaves the message to be redelivered, and the
# records make the redelivery harmless.


@shared_task(
    name="notifications.run_reminder_pass",
    base=AfterCommitTask,
    bind=True,
    acks_late=True,
    ignore_result=True,
    max_retries=3,
)
def run_reminder_pass(self, day: str | None = None) -> dict:
    """Beat, every morning: one reminder pass. Safe to run twice (ReminderRecord and the digest key dedupe)."""
    try:
        result = run_pass(day=date.fromisoformat(day) if day else None)
    except OperationalError as exc:  # database briefly unavailable: the pass is idempotent, so just run it again
        raise self.retry(countdown=60 * (self.request.retries + 1), exc=exc) from exc
    return result.summary()
