"""Issuing the notice: check it, number it, publish the answers, render and store its files once, freeze it
(correcting an issued notice is a new revision: conclusions.notices.revising).

A notice is issued in one transaction: any failure (a render included) rolls all of it back, the number too.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.models import Conference, ConferenceStatus
from conferences.services import DateWarning, conclusion_due, conclusion_late
from petitions.models import ANSWERED_PETITION_STATES, Answer, Petition
from petitions.services.answering import answers_publish

from ..errors import NoticeError
from ..models import ConclusionNotice, NoticeState, NumberSource
from ..signing.seal import notice_seal
from .deadlines import plan_due_dates
from .documents.appendix import unlisted_numbers
from .documents.content import notice_content
from .documents.formats import FORMATS
from .documents.render import render_notice
from .drafting import current_opening, opening_is_drafted
from .editing import lock_notice
from .numbering import record_clerk_number, take_number
from .signature import signature_problems


# -- what an issue needs ---------------------------------------------------------------------------------------------
def issue_problems(notice: ConclusionNotice, *, unlisted: list[int] | None = None) -> list[str]:
    """What stops a draft from being issued (empty when it can be): its state, the conference's, the signer and
    authority (every issued document carries both), the header, and petitions no appendix lists (`unlisted`, when
    the caller already read them with the notice's content)."""
    problems = []
    if not notice.is_draft:
        problems.append(_("Thông báo này không còn là dự thảo."))
    if notice.conference.status not in (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED):
        problems.append(_("Hội nghị chưa ở trạng thái “Đã tổ chức”: chỉ ban hành kết luận sau khi đối thoại."))
    problems += signature_problems(
        name=notice.signer_name,
        title=notice.signer_title,
        authority=notice.signature_authority,
        authority_line=notice.signature_authority_line,
    )
    for field, label in (("place", _("địa danh")), ("title", _("trích yếu"))):
        if not str(getattr(notice, field) or "").strip():
            problems.append(_("Chưa nhập %(field)s.") % {"field": label})
    missing = unlisted_numbers(notice) if unlisted is None else unlisted
    if missing:
        problems.append(
            _("Kiến nghị số %(numbers)s có trả lời nhưng không thuộc phụ lục nào: hãy chọn lại nhóm của các phụ lục.")
            % {"numbers": ", ".join(map(str, missing[:20])) + ("…" if len(missing) > 20 else "")}
        )
    return problems


def issue_warnings(notice: ConclusionNotice, day: date | None = None) -> list[DateWarning]:
    """What does not stop the issue but the clerk must see: issued (on `day`, today by default) after the limit
    the Law on Youth sets after the dialogue."""
    late = conclusion_late(
        notice.conference.dialogue_date, day or timezone.localdate(), complex_matters=notice.complex_matters
    )
    return [late] if late else []


def due_of(notice: ConclusionNotice):
    """The last day to issue the conclusion (None without a dialogue date)."""
    held = notice.conference.dialogue_date
    return conclusion_due(held, complex_matters=notice.complex_matters) if held else None


def refuse_unless_issuable(notice: ConclusionNotice) -> None:
    problems = issue_problems(notice)
    if problems:
        raise NoticeError(" ".join(str(p) for p in problems))


def unlisted_petitions(conference: Conference):
    """Petitions that will not be in the appendix: not merged, without a complete approved answer yet."""
    return (
        Petition.objects.filter(conference=conference)
        .not_merged()
        .exclude(status__in=ANSWERED_PETITION_STATES)
        .order_by("number")
    )


def appendix_row_count(conference: Conference) -> int:
    return Petition.objects.filter(conference=conference, status__in=ANSWERED_PETITION_STATES).count()


def is_large(notice: ConclusionNotice) -> bool:
    """Large notices render in a background task rather than in the request."""
    return appendix_row_count(notice.conference) > settings.NOTICE_LARGE_APPENDIX_ROWS


# -- publishing and storing ------------------------------------------------------------------------------------------
def notice_publish(*, notice: ConclusionNotice, actor) -> int:
    """Publish the conference's approved answers (their petitions become public) and the notice itself.
    Returns how many answers were published. Idempotent."""
    with transaction.atomic():
        answers = Answer.objects.filter(petition__conference=notice.conference).approved_or_published()
        published = answers_publish(answers=answers, actor=actor)
        if notice.published_at is None:
            notice.published_at = timezone.now()
            ConclusionNotice.objects.filter(pk=notice.pk).update(published_at=notice.published_at)
        record(
            actor=actor,
            action="notice.publish",
            target=notice,
            conference=notice.conference,
            message=_("Công bố thông báo kết luận và %(n)s câu trả lời") % {"n": published},
            answers=published,
        )
    return published


def _store_files(notice: ConclusionNotice, *, progress=None) -> None:
    """Render PDF, DOCX and XLSX from one reading of the notice and attach them (the caller saves)."""
    content = notice_content(notice)
    for fmt in FORMATS:
        rendered = render_notice(notice, fmt, content=content, progress=progress if fmt == "pdf" else None)
        getattr(notice, fmt).save(rendered.filename, ContentFile(rendered.data), save=False)
        if fmt == "pdf":
            notice.pdf_sha256 = rendered.sha256
    notice.save(update_fields=["pdf", "docx", "xlsx", "pdf_sha256", "updated_at"])


# -- issuing ---------------------------------------------------------------------------------------------------------
def _number_and_freeze(notice: ConclusionNotice, *, day: date, actor, register_number: int | None) -> None:
    """Steps 3-4 of notice_issue: the number (the clerk's, or the portal register's next), the date, the drafted
    opening as it reads today, the state; a correction supersedes what it corrects."""
    if register_number is not None:
        notice.number = record_clerk_number(notice=notice, number=register_number, year=day.year)
        notice.number_source = NumberSource.CLERK
    else:
        notice.number = take_number(agency=notice.issuing_agency, symbol=notice.symbol, year=day.year)
        notice.number_source = NumberSource.PORTAL
    notice.number_year = day.year
    notice.issue_date = day
    if opening_is_drafted(notice):
        notice.opening = notice.opening_drafted = current_opening(notice)
    notice.set_state(NoticeState.ISSUED)
    notice.issued_at = timezone.now()
    notice.issued_by = actor if getattr(actor, "is_authenticated", False) else None
    notice.lock_version += 1
    notice.save()
    if notice.supersedes_id:
        old = ConclusionNotice.objects.select_for_update().get(pk=notice.supersedes_id)
        old.set_state(NoticeState.SUPERSEDED)
        old.save(update_fields=["state", "updated_at"])


def _conclude(notice: ConclusionNotice, day: date) -> Conference:
    """The conference records when it was concluded (the base of later deadlines) and moves to "concluded"."""
    conference = Conference.objects.select_for_update().get(pk=notice.conference_id)
    conference.concluded_on = day
    if conference.status == ConferenceStatus.HELD:
        conference.set_status(ConferenceStatus.CONCLUDED)
    conference.save(update_fields=["status", "concluded_on", "updated_at"])
    return conference


def notice_issue(
    *,
    notice: ConclusionNotice,
    actor,
    issue_date: date | None = None,
    register_number: int | None = None,
    expected_version: int | None = None,
    progress=None,
) -> ConclusionNotice:
    """Issue a draft: number, date, publish, render once, store the files with the PDF's SHA-256, freeze.

    1. Lock the notice (and check the version the clerk confirmed).
    2. Check it can be issued (signer and authority included).
    3. Number it: `register_number` is the number the clerk's register gave (with `issue_date`, the register's
       date, which may be in the past), refused if already on record; without it, the next number of the portal's
       register for the year (row lock, same transaction).
    4. Fix the date and the drafted opening, move to "issued"; a correction supersedes the revision it corrects.
    5. Compute the tasks' due dates from the issue date.
    6. Publish the approved answers and the notice (so the appendix lists exactly what is now public).
    7. Render PDF, DOCX and XLSX once and store them; sign the PDF with the issuing body's seal when it has one
       (conclusions.signing: the sealed copy becomes the official one); move the conference to "concluded".
    """
    with transaction.atomic():
        issued = lock_notice(notice, expected_version)
        refuse_unless_issuable(issued)
        day = issue_date or timezone.localdate()
        if day > timezone.localdate():
            raise NoticeError(_("Ngày ban hành không được sau ngày hôm nay."))
        late = issue_warnings(issued, day)
        _number_and_freeze(issued, day=day, actor=actor, register_number=register_number)
        plan_due_dates(issued, base=day)
        notice_publish(notice=issued, actor=actor)
        _store_files(issued, progress=progress)
        notice_seal(notice=issued, actor=actor)  # the issuing body's digital seal, when it has one
        conference = _conclude(issued, day)
        record(
            actor=actor,
            action="notice.issue",
            target=issued,
            conference=conference,
            message=_("Ban hành Thông báo số %(number)s ngày %(date)s")
            % {"number": issued.number_label, "date": f"{day:%d/%m/%Y}"},
            number=issued.number,
            number_source=issued.number_source,
            sha256=issued.pdf_sha256,
            late=[w.message for w in late],
        )
    return issued


def notice_store_files(*, notice: ConclusionNotice, actor) -> ConclusionNotice:
    """Render and store the files of an issued notice that has none (imported with its number, e.g. the demo)."""
    with transaction.atomic():
        stored = lock_notice(notice, None)
        if stored.is_draft:
            raise NoticeError(_("Dự thảo không lưu tệp: hãy ban hành."))
        if stored.pdf:
            return stored
        _store_files(stored)
        notice_seal(notice=stored, actor=actor)
        record(actor=actor, action="notice.store_files", target=stored, conference=stored.conference)
    return stored
