"""Editing a draft notice: its header fields, its sections and its tasks.

Every edit is guarded by the notice's lock_version through conferences.locking: a form carries the version it was
opened at, and a save made against an older version raises `Conflict` (nothing written, never merged silently). An
issued notice is frozen; a correction is a new revision (conclusions.notices.issuing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.deadlines import DeadlineRule
from conferences.locking import bump, locked
from conferences.models import Agency

from ..errors import NoticeError
from ..models import ConclusionNotice, Directive, NoticeSection, directive_deadline_spec
from .deadlines import deadline_problem, deadline_sentence, directive_due, mentions_deadline, plan_due_dates
from .drafting import keeps_drafted_opening

# Fields of the notice a form may change (everything else is set by the workflow).
EDITABLE_FIELDS = (
    "style",
    "issuing_body_lines",
    "symbol",
    "place",
    "issue_date",
    "title",
    "legal_bases",
    "opening",
    "closing_line",
    "signature_authority",
    "signature_authority_line",
    "signer_title",
    "signer_name",
    "drafter_code",
    "recipients",
    "complex_matters",
)


# -- the lock -------------------------------------------------------------------------------------------------------
def lock_notice(notice: ConclusionNotice, version: int | None) -> ConclusionNotice:
    """The notice's row locked for the transaction; `Conflict` if it was saved since `version` was read."""
    return locked(
        ConclusionNotice.objects.select_related("conference"),
        pk=notice.pk,
        version=version,
        field="lock_version",
        message=_(
            "Thông báo đã được người khác sửa sau khi bạn mở trang này. Nội dung bạn nhập vẫn còn trên "
            "màn hình; hãy xem lại bản mới nhất rồi lưu lại."
        ),
    )


def require_draft(notice: ConclusionNotice) -> None:
    if not notice.is_draft:
        raise NoticeError(_("Thông báo đã ban hành không được sửa. Muốn đính chính, hãy tạo bản sửa đổi."))


def lock_draft(notice: ConclusionNotice, version: int | None) -> ConclusionNotice:
    draft = lock_notice(notice, version)
    require_draft(draft)
    return draft


def _bumped(draft: ConclusionNotice, original: ConclusionNotice) -> None:
    """A section or task changed: the notice's version moves with it (the form the caller holds follows)."""
    bump(draft, "lock_version")
    draft.save(update_fields=["lock_version", "updated_at"])
    original.lock_version = draft.lock_version


# -- the header -----------------------------------------------------------------------------------------------------
def notice_update(*, notice: ConclusionNotice, changes: dict, expected_version: int, actor) -> ConclusionNotice:
    """Save the header, opening, closing, signature, recipients and appendix options of a draft."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        draft = lock_draft(notice, expected_version)
        changed = [name for name, value in changes.items() if getattr(draft, name) != value]
        for name in changed:
            setattr(draft, name, changes[name])
        if "opening" in changes and keeps_drafted_opening(draft, changes["opening"]):
            # Saved as the portal drafts it today: it keeps following the conference's data.
            draft.opening_drafted = draft.opening
            changed.append("opening_drafted")
        bump(draft, "lock_version")
        draft.save(update_fields=[*changed, "lock_version", "updated_at"])
        if "issue_date" in changed:
            plan_due_dates(draft)
        record(actor=actor, action="notice.update", target=draft, conference=draft.conference, fields=sorted(changed))
    return draft


# -- sections -------------------------------------------------------------------------------------------------------
def notice_section_save(
    *,
    notice: ConclusionNotice,
    heading: str,
    body: str,
    expected_version: int,
    actor,
    section: NoticeSection | None = None,
) -> NoticeSection:
    with transaction.atomic():
        draft = lock_draft(notice, expected_version)
        if section is None:
            last = draft.sections.aggregate(m=Max("position"))["m"] or 0
            section = NoticeSection.objects.create(notice=draft, position=last + 1, heading=heading, body=body)
            action = "notice.section_add"
        else:
            section = NoticeSection.objects.select_for_update().get(pk=section.pk, notice=draft)
            section.heading, section.body = heading, body
            section.save(update_fields=["heading", "body"])
            action = "notice.section_edit"
        _bumped(draft, notice)
        record(actor=actor, action=action, target=draft, conference=draft.conference, section=section.pk)
    return section


def notice_section_delete(*, section: NoticeSection, expected_version: int, actor) -> None:
    with transaction.atomic():
        draft = lock_draft(section.notice, expected_version)
        heading = section.heading
        Directive.objects.filter(section=section).delete()
        section.delete()
        for position, row in enumerate(draft.sections.order_by("position", "id"), start=1):
            if row.position != position:
                NoticeSection.objects.filter(pk=row.pk).update(position=position)
        _bumped(draft, section.notice)
        record(actor=actor, action="notice.section_delete", target=draft, conference=draft.conference, heading=heading)


def notice_section_move(*, section: NoticeSection, offset: int, expected_version: int, actor) -> None:
    """Move a section up (-1) or down (+1)."""
    with transaction.atomic():
        draft = lock_draft(section.notice, expected_version)
        rows = list(draft.sections.order_by("position", "id"))
        index = next(i for i, row in enumerate(rows) if row.pk == section.pk)
        target = index + offset
        if 0 <= target < len(rows):
            rows[index], rows[target] = rows[target], rows[index]
            for position, row in enumerate(rows, start=1):
                NoticeSection.objects.filter(pk=row.pk).update(position=position)
            _bumped(draft, section.notice)
            record(actor=actor, action="notice.section_move", target=draft, conference=draft.conference)


# -- tasks ----------------------------------------------------------------------------------------------------------
@dataclass
class DirectiveData:
    heading: str
    text: str
    agency: Agency | None
    deadline_kind: str = DeadlineRule.NONE
    deadline_days: int | None = None
    deadline_date: date | None = None


def _directive_values(draft: ConclusionNotice, data: DirectiveData) -> dict:
    """The task's fields; when its text does not state the deadline yet, the standard sentence is appended (visible
    and editable), so the signed text and the tracked deadline agree."""
    rule = data.deadline_kind
    days = data.deadline_days if rule == DeadlineRule.WORKING_DAYS else None
    fixed = data.deadline_date if rule == DeadlineRule.FIXED_DATE else None
    spec = directive_deadline_spec(rule, days=days, fixed=fixed, issued_on=draft.issue_date)
    year = draft.issue_date.year if draft.issue_date else draft.conference.year
    text = data.text.strip()
    if not mentions_deadline(text, spec, year=year):
        sentence = deadline_sentence(spec, year=year)
        text = f"{text} {sentence}".strip() if "\n" not in text else f"{text}\n{sentence}"
    return {
        "heading": data.heading.strip(),
        "text": text,
        "agency": data.agency,
        "deadline_kind": rule,
        "deadline_days": days,
        "deadline_date": fixed,
    }


def directive_save(
    *,
    notice: ConclusionNotice,
    section: NoticeSection,
    data: DirectiveData,
    expected_version: int,
    actor,
    directive: Directive | None = None,
) -> Directive:
    """Add or change a task of a section; its due date is planned from the notice's (planned) issue date."""
    problem = deadline_problem(data.deadline_kind, days=data.deadline_days, fixed=data.deadline_date)
    if problem:
        raise NoticeError(problem)
    with transaction.atomic():
        draft = lock_draft(notice, expected_version)
        if section.notice_id != draft.pk:
            raise NoticeError(_("Phần này không thuộc thông báo đang sửa."))
        values = _directive_values(draft, data)
        if directive is None:
            last = section.directives.aggregate(m=Max("position"))["m"] or 0
            directive = Directive.objects.create(notice=draft, section=section, position=last + 1, **values)
            action = "notice.directive_add"
        else:
            directive = Directive.objects.select_for_update().get(pk=directive.pk, notice=draft)
            for name, value in values.items():
                setattr(directive, name, value)
            directive.save()
            action = "notice.directive_edit"
        directive.notice = draft
        directive.due_date, directive.due_explanation = directive_due(directive, draft.issue_date or None)
        Directive.objects.filter(pk=directive.pk).update(
            due_date=directive.due_date, due_explanation=directive.due_explanation
        )
        _bumped(draft, notice)
        record(actor=actor, action=action, target=directive, conference=draft.conference, notice=draft.pk)
    return directive


def directive_delete(*, directive: Directive, expected_version: int, actor) -> None:
    with transaction.atomic():
        draft = lock_draft(directive.notice, expected_version)
        heading = directive.heading
        directive.delete()
        _bumped(draft, directive.notice)
        record(
            actor=actor, action="notice.directive_delete", target=draft, conference=draft.conference, heading=heading
        )
