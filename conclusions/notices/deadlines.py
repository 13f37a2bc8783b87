"""Deadlines of the notice's tasks, computed by the one deadline engine (conferences.deadlines.DeadlineSpec).

A task asks for its deadline with a rule (none, a fixed date, within the year, N working days after the issue, at
next year's dialogue). The notice text states it in the seeds' words, and the due date is computed when the notice
is issued (a draft shows it provisionally from its planned date; working days wait for the issue). After the office
calendar changes, open tasks whose rule depends on it are recomputed and every move is audited.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from conferences import workdays
from conferences.audit import record
from conferences.deadlines import CALENDAR_DEPENDENT_RULES, DeadlineRule, DeadlineSpec, MovedDeadline

from ..models import ConclusionNotice, Directive, DirectiveStatus, NoticeState, directive_deadline_spec
from .documents.text import short_date


def deadline_sentence(spec: DeadlineSpec, *, year: int) -> str:
    """The sentence that states a task's deadline in the notice text, as the seeds word it."""
    if spec.rule == DeadlineRule.FIXED_DATE and spec.base:
        return f"Thời hạn hoàn thành: trước ngày {spec.base:%d/%m/%Y}."
    if spec.rule == DeadlineRule.END_OF_YEAR:
        return f"Thời hạn hoàn thành: trong năm {year}."
    if spec.rule == DeadlineRule.WORKING_DAYS and spec.count:
        return f"Thời gian thực hiện chậm nhất sau {spec.count} ngày làm việc kể từ ngày ban hành Thông báo."
    if spec.rule == DeadlineRule.NEXT_CONFERENCE:
        return f"Báo cáo kết quả tại Hội nghị đối thoại với thanh niên năm {year + 1}."
    return ""


def mentions_deadline(text: str, spec: DeadlineSpec, *, year: int) -> bool:
    """Whether the task text already states its deadline in its own words (seed 000: 'hoàn thành trong năm 2023')."""
    if spec.rule == DeadlineRule.END_OF_YEAR:
        return bool(re.search(rf"trong năm {year}\b", text))
    if spec.rule == DeadlineRule.FIXED_DATE and spec.base:
        day = spec.base
        return any(s in text for s in (f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}", short_date(day)))
    if spec.rule == DeadlineRule.WORKING_DAYS and spec.count:
        return bool(re.search(rf"\b{spec.count} ngày làm việc", text))
    if spec.rule == DeadlineRule.NEXT_CONFERENCE:
        return bool(re.search(rf"năm {year + 1}\b", text))
    return True


def deadline_problem(rule: str, *, days: int | None, fixed: date | None) -> str | None:
    """What the clerk still has to give for this rule (the engine's message), None when nothing is missing.

    The issue date is not the clerk's to give here, so today stands in for it."""
    return directive_deadline_spec(rule, days=days, fixed=fixed, issued_on=timezone.localdate()).problem()


def directive_due(directive: Directive, issued_on: date | None) -> tuple[date | None, str]:
    """The task's due date and its explanation, stored in Vietnamese whatever the clerk's interface language."""
    spec = directive.deadline_spec(issued_on)
    with translation.override("vi"):
        if spec.rule == DeadlineRule.NEXT_CONFERENCE:
            year = (issued_on.year if issued_on else directive.notice.conference.year) + 1
            return None, _("Tại Hội nghị đối thoại với thanh niên năm %(year)s") % {"year": year}
        if spec.rule == DeadlineRule.WORKING_DAYS and spec.count and spec.base is None:
            return None, _("%(n)s ngày làm việc kể từ ngày ban hành (tính khi ban hành)") % {"n": spec.count}
        if spec.problem():
            return None, ""
        deadline = spec.compute()
    return (deadline.due, deadline.explanation) if deadline else (None, "")


def plan_due_dates(notice: ConclusionNotice, *, base: date | None = None) -> None:
    """Due dates of the notice's tasks from their rules: at issue (`base`) from the issue date; on a draft,
    provisional from the planned date (working-day rules wait for the issue)."""
    day = base or notice.issue_date
    for directive in notice.directives.select_related("notice__conference"):
        waits_for_issue = directive.deadline_kind == DeadlineRule.WORKING_DAYS and base is None
        due, explanation = directive_due(directive, None if waits_for_issue else day)
        if (due, explanation) != (directive.due_date, directive.due_explanation):
            Directive.objects.filter(pk=directive.pk).update(due_date=due, due_explanation=explanation)


def _audit_moved(directive: Directive, old: date | None, new: date | None, *, actor, reason: str) -> None:
    record(
        actor=actor,
        action="directive.deadline_recomputed",
        target=directive,
        conference=directive.notice.conference,
        message=_("Hạn nhiệm vụ đổi từ %(old)s sang %(new)s do thay đổi lịch nghỉ: %(reason)s")
        % {"old": f"{old:%d/%m/%Y}" if old else "-", "new": f"{new:%d/%m/%Y}" if new else "-", "reason": reason},
        old=old.isoformat() if old else None,
        new=new.isoformat() if new else None,
    )


def directives_recompute_deadlines(*, actor, reason: str) -> list[MovedDeadline]:
    """Recompute the open tasks of issued notices after the calendar changed (working days move with the days
    off); every moved deadline is audited. Registered with conferences.deadlines.register_recompute."""
    workdays.invalidate()
    moved: list[MovedDeadline] = []
    with transaction.atomic():
        transaction.on_commit(workdays.invalidate)
        open_ = (
            Directive.objects.select_for_update(of=("self",))
            .filter(
                notice__state=NoticeState.ISSUED,
                notice__issue_date__isnull=False,
                deadline_kind__in=CALENDAR_DEPENDENT_RULES,
            )
            .exclude(status__in=[DirectiveStatus.DONE, DirectiveStatus.CANCELLED])
            .select_related("notice__conference")
        )
        for directive in open_:
            due, explanation = directive_due(directive, directive.notice.issue_date)
            if (due, explanation) == (directive.due_date, directive.due_explanation):
                continue
            old = directive.due_date
            Directive.objects.filter(pk=directive.pk).update(due_date=due, due_explanation=explanation)
            if old != due:
                moved.append(MovedDeadline("directive", directive.pk, old, due))
                _audit_moved(directive, old, due, actor=actor, reason=reason)
    return moved
