"""The sender's personal data (Decree 13/2023): kept only as long as it serves them.

- Unconfirmed questions are deleted QUESTION_CONFIRM_HOURS after they were sent (they never entered moderation),
  with the messages that asked for the confirmation.
- The address digest (the rate limit's database fallback) is cleared once its hour is long over.
- Contacts (name, email, phone) are erased QUESTION_CONTACT_RETENTION_MONTHS after the conference's conclusion
  notice was issued (`Conference.concluded_on`); the question, its petition and the answer stay.
- Home Affairs exports or erases one sender's data on request; both are audited (the audit never holds the contact).

Messages already sent keep their outbox row (the row is what makes a message go out once) with the address and the
text blanked; messages not sent yet are deleted.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from io import BytesIO
from operator import or_

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from conferences.audit import record
from conferences.background import AfterCommitTask
from conferences.models import EmailState, OutgoingEmail
from conferences.xlsx import cell

from . import ratelimit
from .models import YouthQuestion

ERASED = "[đã xóa theo quy định bảo vệ dữ liệu cá nhân]"
ADDRESS_DIGEST_DAYS = 1


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter): 31/08 - 6 months = 28/02 or 29/02."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_months() -> int:
    return int(getattr(settings, "QUESTION_CONTACT_RETENTION_MONTHS", 6))


def _messages_of(question_ids: list[int]) -> QuerySet[OutgoingEmail]:
    if not question_ids:
        return OutgoingEmail.objects.none()
    return OutgoingEmail.objects.filter(
        reduce(or_, (Q(dedupe_key__startswith=f"question:{pk}:") for pk in question_ids))
    )


def _scrub_messages(question_ids: list[int]) -> None:
    """Sent messages keep their row with nothing personal in it; unsent ones are deleted."""
    for start in range(0, len(question_ids), 200):
        chunk = question_ids[start : start + 200]
        _messages_of(chunk).exclude(state=EmailState.SENT).delete()
        _messages_of(chunk).update(to_email="", to_phone="", subject=ERASED[:255], body_text=ERASED, body_html="")


def erase_contacts(questions: QuerySet[YouthQuestion]) -> int:
    """Blank the sender's name and contacts of these questions and of their messages; returns how many."""
    ids = list(questions.with_contact().values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        YouthQuestion.objects.filter(pk__in=ids).update(
            sender_name="",
            email="",
            phone="",
            address_digest="",
            confirm_hash="",
            contact_erased_at=timezone.now(),
        )
        _scrub_messages(ids)
    return len(ids)


@dataclass
class Housekeeping:
    expired: int = 0
    digests_cleared: int = 0
    erased: int = 0

    def summary(self) -> dict:
        return {"expired": self.expired, "digests_cleared": self.digests_cleared, "erased": self.erased}


def due_for_erasure(today: date | None = None, months: int | None = None) -> QuerySet[YouthQuestion]:
    """Questions of conferences whose notice was issued at least `months` months ago, contacts still kept."""
    today = today or timezone.localdate()
    cutoff = months_before(today, retention_months() if months is None else months)
    return YouthQuestion.objects.with_contact().filter(conference__concluded_on__lte=cutoff)


def questions_housekeeping(*, today: date | None = None, months: int | None = None, dry_run: bool = False):
    """The daily pass (beat, and `manage.py erase_question_contacts`): expire, clear digests, erase contacts."""
    now = timezone.now()
    result = Housekeeping()
    expired = YouthQuestion.objects.expired(now)
    digests = YouthQuestion.objects.exclude(address_digest="").filter(
        created_at__lt=now - timedelta(days=ADDRESS_DIGEST_DAYS)
    )
    due = due_for_erasure(today, months)
    if dry_run:
        return Housekeeping(expired.count(), digests.count(), due.count())
    with transaction.atomic():
        expired_ids = list(expired.values_list("pk", flat=True))
        for start in range(0, len(expired_ids), 200):
            _messages_of(expired_ids[start : start + 200]).delete()
        YouthQuestion.objects.filter(pk__in=expired_ids).delete()
        result.expired = len(expired_ids)
        result.digests_cleared = digests.update(address_digest="")
    result.erased = erase_contacts(due)
    return result


# One sender's data, on request (Home Affairs) ---------------------------------------------------------------------


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def sender_workbook(questions: QuerySet[YouthQuestion]) -> bytes:
    """Everything kept about one sender: their questions with what they gave, and the messages sent to them."""
    questions = list(questions.select_related("conference", "bridge_point", "issue_group", "petition").order_by("pk"))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Câu hỏi"))
    headers = [
        _("Thời điểm gửi"), _("Hội nghị"), _("Xã, phường"), _("Nhóm vấn đề"), _("Nội dung"), _("Họ tên"),
        _("Thư điện tử"), _("Số điện thoại"), _("Nhận tin qua"), _("Trạng thái"), _("Thời điểm xem xét"),
        _("Lý do không tiếp nhận"), _("Kiến nghị số"),
    ]  # fmt: skip
    sheet.append([cell(sheet, h) for h in headers])
    for q in questions:
        row = [
            _local(q.created_at), q.conference.title, q.bridge_point.name, q.issue_group.name if q.issue_group else "",
            q.content, q.sender_name, q.email, q.phone, q.get_notify_by_display(), q.get_state_display(),
            _local(q.decided_at), q.reason_text if q.decline_reason else "", q.petition.number if q.petition else "",
        ]  # fmt: skip
        sheet.append([cell(sheet, value, number_format="DD/MM/YYYY HH:MM") for value in row])
    messages = workbook.create_sheet(_("Tin đã gửi"))
    messages.append(
        [cell(messages, h) for h in (_("Thời điểm"), _("Kênh"), _("Tới"), _("Tiêu đề"), _("Nội dung"), _("Trạng thái"))]
    )
    for message in _messages_of([q.pk for q in questions]).order_by("created_at", "pk"):
        row = [
            _local(message.created_at), message.get_channel_display(), message.address, message.subject,
            message.body_text, message.get_state_display(),
        ]  # fmt: skip
        messages.append([cell(messages, value, number_format="DD/MM/YYYY HH:MM") for value in row])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _audit_sender(action: str, questions: list[YouthQuestion], actor, *, email: str, phone: str) -> None:
    contact = ratelimit.digest(email or phone)
    for question in questions:
        record(actor=actor, action=action, target=question, conference=question.conference, contact_digest=contact)


def sender_export(*, questions: QuerySet[YouthQuestion], email: str, phone: str, actor) -> bytes:
    """The workbook of one sender's data; audited per question (the audit keeps a digest, not the contact)."""
    data = sender_workbook(questions)
    with transaction.atomic():
        _audit_sender(
            "question.sender_export", list(questions.select_related("conference")), actor, email=email, phone=phone
        )
    return data


def sender_erase(*, questions: QuerySet[YouthQuestion], email: str, phone: str, actor) -> int:
    """Erase one sender's name and contacts from every question they sent (and their messages); audited."""
    with transaction.atomic():
        kept = list(questions.with_contact().select_related("conference"))
        _audit_sender("question.sender_erase", kept, actor, email=email, phone=phone)
        return erase_contacts(YouthQuestion.objects.filter(pk__in=[q.pk for q in kept]))


@shared_task(name="petitions.questions_housekeeping", base=AfterCommitTask, acks_late=True, ignore_result=True)
def questions_housekeeping_task() -> dict:
    """Beat, every night: expire unconfirmed questions, clear old digests, erase contacts that are due."""
    return questions_housekeeping().summary()
