"""Writes of the assignment -> answer -> review -> publish loop.

Every function is keyword-only, runs in one transaction, writes an AuditEvent (and an AnswerRevision for answers)
with the acting user, and writes its notifications (in-app rows and outbox emails) in the same transaction: they
exist exactly when the change does, and the outbox sends the emails after commit.

Answer lifecycle (petitions.models.ANSWER_TRANSITIONS):
    draft -> submitted -> approved -> published
               |  ^          |
               v  |          v
             returned <------+   (Home Affairs returns, or reopens an approved/published answer)
Agencies with requires_head_approval: a submitted answer waits for the agency head (head_approved_at) before it
reaches Home Affairs' review queue; the head may approve it or return it to the officer.

Every change bumps Answer.version; forms carry the version they were rendered with and a stale one is refused
(AnswerConflict) so two officers never overwrite each other silently.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences import workdays
from conferences.audit import record
from conferences.deadlines import MovedDeadline
from conferences.models import Agency, IssueGroup
from conferences.text import nfc

from .. import notifications as notify
from ..models import (
    OPEN_ASSIGNMENT_STATUSES,
    Answer,
    AnswerRevision,
    AnswerState,
    Assignment,
    AssignmentStage,
    AssignmentStatus,
    DueRule,
    Petition,
    PetitionStatus,
    SubQuestion,
)

logger = logging.getLogger(__name__)

# Defaults from the plans in the seeds: answers are due a week before the dialogue; forwarded items 45 working
# days after the notice (seed 004).
DEFAULT_BEFORE_WORKING_DAYS = 5
DEFAULT_AFTER_WORKING_DAYS = 45
EDITABLE_STATES = (AnswerState.DRAFT, AnswerState.RETURNED)


class AnsweringError(ValueError):
    """A request the workflow refuses; the message is Vietnamese and shown to the user as is."""


class AnswerConflict(AnsweringError):
    """The answer changed since the form was opened. Carries the saved answer so the page can show both versions."""

    def __init__(self, current: Answer):
        super().__init__(
            _("Trả lời này vừa được %(who)s lưu (phiên bản %(version)s) trong khi bạn đang sửa. Bản của bạn chưa lưu.")
            % {"who": _who(current.author) if current.author_id else _("người khác"), "version": current.version}
        )
        self.current = current


def _who(user) -> str:
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()  # family name first


@dataclass(frozen=True)
class DueSpec:
    """How Home Affairs asked the deadline to be computed; stored on the assignment so it can be recomputed."""

    rule: str
    count: int | None = None
    base: date | None = None

    def compute(self, *, stage: str) -> workdays.Deadline:
        if self.base is None:
            raise AnsweringError(_("Chưa có ngày làm mốc để tính hạn."))
        if self.rule == DueRule.WORKING_DAYS:
            if not self.count:
                raise AnsweringError(_("Nhập số ngày làm việc."))
            # Before the dialogue the count runs backwards from the dialogue date; after it, forwards.
            n = -self.count if stage == AssignmentStage.BEFORE_CONFERENCE else self.count
            return workdays.add_working_days(self.base, n)
        if self.rule == DueRule.CALENDAR_DAYS:
            if not self.count:
                raise AnsweringError(_("Nhập số ngày."))
            return workdays.add_calendar_days(self.base, self.count)
        if self.rule == DueRule.FIXED_DATE:
            return workdays.fixed_date(self.base)
        if self.rule == DueRule.END_OF_YEAR:
            return workdays.end_of_year(self.base)
        raise AnsweringError(_("Cách tính hạn không hợp lệ."))


def deadline_of(assignment: Assignment) -> workdays.Deadline:
    spec = DueSpec(rule=assignment.due_rule, count=assignment.due_rule_count, base=assignment.due_rule_base)
    return spec.compute(stage=assignment.stage)


def default_due_spec(*, petition: Petition, stage: str) -> DueSpec:
    """N working days before the dialogue; N working days after the issued notice for forwarded items."""
    conference = petition.conference
    if stage == AssignmentStage.BEFORE_CONFERENCE:
        return DueSpec(DueRule.WORKING_DAYS, DEFAULT_BEFORE_WORKING_DAYS, conference.dialogue_date)
    base = conference.concluded_on or conference.held_on
    return DueSpec(DueRule.WORKING_DAYS, DEFAULT_AFTER_WORKING_DAYS, base)


# 1. Assignment (Home Affairs) ------------------------------------------------------------------------------------


def _check_target_free(petition: Petition, sub_question: SubQuestion | None) -> None:
    """One open assignment per petition or per sub-question; a whole petition and its parts are not mixed."""
    open_ = Assignment.objects.filter(petition=petition, status__in=OPEN_ASSIGNMENT_STATUSES)
    if sub_question is None:
        clash = open_.first()
    else:
        clash = open_.filter(Q(sub_question__isnull=True) | Q(sub_question=sub_question)).first()
    if clash is not None:
        raise AnsweringError(
            _("Kiến nghị số %(number)s đã được giao cho %(agency)s; hãy giao lại thay vì giao mới.")
            % {"number": petition.number, "agency": clash.lead_agency}
        )


def assignment_create(
    *,
    petition: Petition,
    lead_agency: Agency,
    due: DueSpec,
    actor,
    stage: str = AssignmentStage.BEFORE_CONFERENCE,
    sub_question: SubQuestion | None = None,
    coordinating_agencies: Iterable[Agency] = (),
) -> Assignment:
    """Hand a petition (or one sub-question) to a lead agency with a deadline computed from the rule."""
    if sub_question is not None and sub_question.petition_id != petition.pk:
        raise AnsweringError(_("Câu hỏi thành phần không thuộc kiến nghị này."))
    if petition.status == PetitionStatus.MERGED:
        raise AnsweringError(_("Kiến nghị đã được gộp vào kiến nghị khác, không giao trả lời."))
    deadline = due.compute(stage=stage)
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        _check_target_free(petition, sub_question)
        assignment = Assignment.objects.create(
            petition=petition,
            sub_question=sub_question,
            lead_agency=lead_agency,
            stage=stage,
            due_rule=due.rule,
            due_rule_count=due.count,
            due_rule_base=due.base,
            due_date=deadline.due,
            due_explanation=deadline.explanation,
            assigned_by=actor,
        )
        coordinating = [a for a in coordinating_agencies if a.pk != lead_agency.pk]
        if coordinating:
            assignment.coordinating_agencies.set(coordinating)
        if petition.status in (PetitionStatus.RECEIVED, PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED):
            petition.set_status(PetitionStatus.FORWARDED)
            petition.save(update_fields=["status", "updated_at"])
        record(
            actor=actor,
            action="assignment.create",
            target=assignment,
            conference=petition.conference,
            message=_("Giao kiến nghị số %(number)s cho %(agency)s, hạn %(due)s")
            % {"number": petition.number, "agency": lead_agency, "due": f"{deadline.due:%d/%m/%Y}"},
            petition=petition.pk,
            agency=lead_agency.pk,
            due=deadline.due.isoformat(),
        )
        notify.assignment_created(assignment.pk)  # outbox rows commit with the assignment, or not at all
    return assignment


@dataclass
class BulkResult:
    created: list[Assignment]
    skipped: list[tuple[Petition, str]]


def assignments_bulk_create(
    *,
    issue_group: IssueGroup,
    lead_agency: Agency,
    due: DueSpec,
    actor,
    stage: str = AssignmentStage.BEFORE_CONFERENCE,
    coordinating_agencies: Iterable[Agency] = (),
) -> BulkResult:
    """Assign every petition of an issue group that is not assigned yet; the others are listed with the reason."""
    coordinating = list(coordinating_agencies)
    result = BulkResult(created=[], skipped=[])
    with transaction.atomic():
        petitions = Petition.objects.filter(issue_group=issue_group).not_merged().order_by("number")
        for petition in petitions:
            try:
                with transaction.atomic():
                    result.created.append(
                        assignment_create(
                            petition=petition,
                            lead_agency=lead_agency,
                            due=due,
                            actor=actor,
                            stage=stage,
                            coordinating_agencies=coordinating,
                        )
                    )
            except AnsweringError as refusal:
                result.skipped.append((petition, str(refusal)))
        record(
            actor=actor,
            action="assignment.bulk_create",
            target=issue_group,
            conference=issue_group.conference,
            message=_("Giao cả nhóm “%(group)s” cho %(agency)s: %(n)s kiến nghị")
            % {"group": issue_group.name, "agency": lead_agency, "n": len(result.created)},
            created=[a.pk for a in result.created],
            skipped=[p.pk for p, _reason in result.skipped],
        )
    return result


def assignment_reassign(
    *,
    assignment: Assignment,
    lead_agency: Agency,
    reason: str,
    actor,
    due: DueSpec | None = None,
    coordinating_agencies: Iterable[Agency] = (),
) -> Assignment:
    """Withdraw an open assignment with a reason and hand the same item to another (or the same) agency."""
    if not reason.strip():
        raise AnsweringError(_("Nhập lý do giao lại."))
    with transaction.atomic():
        old = Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)
        if old.status not in OPEN_ASSIGNMENT_STATUSES:
            raise AnsweringError(_("Chỉ giao lại được phân công đang xử lý hoặc bị từ chối."))
        old.set_status(AssignmentStatus.WITHDRAWN)
        old.reassign_reason = reason.strip()
        old.closed_at = timezone.now()
        old.save(update_fields=["status", "reassign_reason", "closed_at"])
        record(
            actor=actor,
            action="assignment.withdraw",
            target=old,
            conference=old.petition.conference,
            message=_("Thu hồi để giao lại: %(reason)s") % {"reason": reason.strip()},
        )
        spec = due or DueSpec(rule=old.due_rule, count=old.due_rule_count, base=old.due_rule_base)
        new = assignment_create(
            petition=old.petition,
            sub_question=old.sub_question,
            lead_agency=lead_agency,
            due=spec,
            actor=actor,
            stage=old.stage,
            coordinating_agencies=coordinating_agencies,
        )
        new.reassign_reason = reason.strip()
        new.save(update_fields=["reassign_reason"])
    return new


def assignment_decline(*, assignment: Assignment, reason: str, actor) -> Assignment:
    """The agency says the item is not within its competence; it goes back to Home Affairs' queue, flagged."""
    if not reason.strip():
        raise AnsweringError(_("Nhập lý do từ chối (vì sao không thuộc thẩm quyền)."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)
        answer = Answer.objects.filter(assignment=assignment).first()
        if answer is not None and answer.state not in EDITABLE_STATES:
            raise AnsweringError(_("Trả lời đã gửi Nội vụ; không thể từ chối nữa."))
        assignment.set_status(AssignmentStatus.DECLINED)
        assignment.decline_reason = reason.strip()
        assignment.save(update_fields=["status", "decline_reason"])
        record(
            actor=actor,
            action="assignment.decline",
            target=assignment,
            conference=assignment.petition.conference,
            message=_("Từ chối – không thuộc thẩm quyền: %(reason)s") % {"reason": reason.strip()},
        )
    return assignment


def assignment_reinstate(*, assignment: Assignment, comment: str, actor) -> Assignment:
    """Home Affairs keeps a declined item with the same agency (e.g. after clarifying the competence)."""
    if not comment.strip():
        raise AnsweringError(_("Nhập ý kiến gửi cơ quan khi giữ nguyên phân công."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)
        assignment.set_status(AssignmentStatus.ACTIVE)
        assignment.save(update_fields=["status"])
        record(
            actor=actor,
            action="assignment.reinstate",
            target=assignment,
            conference=assignment.petition.conference,
            message=_("Giữ nguyên phân công: %(comment)s") % {"comment": comment.strip()},
            decline_reason=assignment.decline_reason,
        )
        notify.assignment_created(assignment.pk)  # outbox rows commit with the assignment, or not at all
    return assignment


# 2. Answering (agency officers) ----------------------------------------------------------------------------------


def _revision(answer: Answer, *, action: str, actor, comment: str = "") -> AnswerRevision:
    return AnswerRevision.objects.create(
        answer=answer,
        version=answer.version,
        text=answer.text,
        state=answer.state,
        action=action,
        comment=comment,
        actor=actor,
    )


def _locked_answer(answer: Answer, expected_version: int | None) -> Answer:
    # Lock the answer row only: agency and author are outer joins, which PostgreSQL cannot lock.
    current = (
        Answer.objects.select_for_update(of=("self",)).select_related("petition", "agency", "author").get(pk=answer.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise AnswerConflict(current)
    return current


def answer_save(
    *, assignment: Assignment, text: str, version: int, actor, submit: bool = False, is_head: bool = False
) -> Answer:
    """Save the lead agency's answer as a draft, and optionally submit it.

    `version` is what the form was rendered with (0 when there was no answer yet); a different saved version means
    someone else saved in between and AnswerConflict is raised with nothing written.
    """
    text = nfc(text).replace("\r\n", "\n").strip()  # as Answer.save() stores it, so an unchanged text compares equal
    if submit and not text:
        raise AnsweringError(_("Nội dung trả lời đang để trống."))
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("petition", "lead_agency").get(pk=assignment.pk)
        )
        if assignment.status != AssignmentStatus.ACTIVE:
            raise AnsweringError(_("Phân công không còn ở trạng thái đang xử lý; không thể sửa trả lời."))
        answer = Answer.objects.filter(assignment=assignment).first()
        if answer is None:
            if version != 0:
                raise AnsweringError(_("Không tìm thấy bản trả lời đang sửa."))
            answer = Answer.objects.create(
                petition=assignment.petition,
                sub_question=assignment.sub_question,
                assignment=assignment,
                agency=assignment.lead_agency,
                text=text,
                author=actor,
            )
            _revision(answer, action="draft_saved", actor=actor)
            record(
                actor=actor,
                action="answer.create",
                target=answer,
                conference=assignment.petition.conference,
                version=answer.version,
            )
        else:
            answer = _locked_answer(answer, version)
            if answer.state not in EDITABLE_STATES:
                raise AnsweringError(
                    _("Trả lời đang ở trạng thái “%(state)s”, không sửa được.") % {"state": answer.get_state_display()}
                )
            if answer.text != text:
                answer.text = text
                answer.author = actor
                answer.version += 1
                answer.save()
                _revision(answer, action="draft_saved", actor=actor)
                record(
                    actor=actor,
                    action="answer.save",
                    target=answer,
                    conference=assignment.petition.conference,
                    version=answer.version,
                )
        if submit:
            answer = _submit(answer, actor=actor, is_head=is_head)
    return answer


def _submit(answer: Answer, *, actor, is_head: bool) -> Answer:
    answer.set_state(AnswerState.SUBMITTED)
    answer.version += 1
    answer.submitted_at = timezone.now()
    needs_head = bool(answer.agency and answer.agency.requires_head_approval)
    if needs_head and is_head:
        answer.head_approved_by, answer.head_approved_at = actor, answer.submitted_at
    else:
        answer.head_approved_by, answer.head_approved_at = None, None
    answer.save()
    _revision(answer, action="submitted", actor=actor)
    record(
        actor=actor,
        action="answer.submit",
        target=answer,
        conference=answer.petition.conference,
        version=answer.version,
        waits_for_head=needs_head and not is_head,
    )
    return answer


def answer_head_approve(*, answer: Answer, version: int, actor) -> Answer:
    """The agency head lets a submitted answer go on to Home Affairs."""
    with transaction.atomic():
        answer = _locked_answer(answer, version)
        if answer.state != AnswerState.SUBMITTED or answer.head_approved_at is not None:
            raise AnsweringError(_("Trả lời không ở trạng thái chờ lãnh đạo cơ quan duyệt."))
        answer.head_approved_by, answer.head_approved_at = actor, timezone.now()
        answer.version += 1
        answer.save()
        _revision(answer, action="head_approved", actor=actor)
        record(actor=actor, action="answer.head_approve", target=answer, conference=answer.petition.conference)
    return answer


def answer_return(*, answer: Answer, comment: str, actor, version: int | None = None, by_head: bool = False) -> Answer:
    """Send an answer back for revision with a comment (Home Affairs, or the agency head before it leaves).

    From approved or published this is Home Affairs reopening the answer: the assignment opens again and the
    petition goes back to 'forwarded'.
    """
    if not comment.strip():
        raise AnsweringError(_("Nhập ý kiến khi trả lại để cơ quan biết cần sửa gì."))
    with transaction.atomic():
        answer = _locked_answer(answer, version)
        reopening = answer.state in (AnswerState.APPROVED, AnswerState.PUBLISHED)
        if by_head and (answer.state != AnswerState.SUBMITTED or answer.head_approved_at is not None):
            raise AnsweringError(_("Trả lời không ở trạng thái chờ lãnh đạo cơ quan duyệt."))
        answer.set_state(AnswerState.RETURNED)
        answer.review_comment = comment.strip()
        answer.version += 1
        answer.head_approved_by, answer.head_approved_at = None, None
        if reopening:
            answer.approved_by, answer.approved_at, answer.published_at = None, None, None
        answer.save()
        _revision(answer, action="reopened" if reopening else "returned", actor=actor, comment=comment.strip())
        if reopening:
            _reopen_assignment_and_petition(answer)
        record(
            actor=actor,
            action="answer.reopen" if reopening else ("answer.head_return" if by_head else "answer.return"),
            target=answer,
            conference=answer.petition.conference,
            message=comment.strip(),
            version=answer.version,
        )
        notify.answer_returned(answer.pk, answer.version)
    return answer


def _reopen_assignment_and_petition(answer: Answer) -> None:
    if answer.assignment_id:
        assignment = Assignment.objects.select_for_update().get(pk=answer.assignment_id)
        if assignment.status == AssignmentStatus.ANSWERED:
            assignment.set_status(AssignmentStatus.ACTIVE)
            assignment.closed_at = None
            assignment.save(update_fields=["status", "closed_at"])
    petition = Petition.objects.select_for_update().get(pk=answer.petition_id)
    if petition.status in (PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED):
        petition.set_status(PetitionStatus.FORWARDED)
        petition.save(update_fields=["status", "updated_at"])


# 3. Review (Home Affairs) ----------------------------------------------------------------------------------------


def answer_approve(*, answer: Answer, actor, version: int | None = None) -> Answer:
    """Approve a submitted answer: it is frozen, its assignment is answered, and the petition is answered once
    every open part of it has an approved answer."""
    with transaction.atomic():
        answer = _locked_answer(answer, version)
        if answer.state == AnswerState.SUBMITTED and _waits_for_head(answer):
            raise AnsweringError(_("Trả lời chưa được lãnh đạo cơ quan duyệt."))
        answer.set_state(AnswerState.APPROVED)
        answer.approved_by, answer.approved_at = actor, timezone.now()
        answer.version += 1
        answer.save()
        _revision(answer, action="approved", actor=actor)
        if answer.assignment_id:
            assignment = Assignment.objects.select_for_update().get(pk=answer.assignment_id)
            if assignment.status == AssignmentStatus.ACTIVE:
                assignment.set_status(AssignmentStatus.ANSWERED)
                assignment.closed_at = answer.approved_at
                assignment.save(update_fields=["status", "closed_at"])
        _mark_petition_answered_if_complete(answer.petition_id)
        record(
            actor=actor,
            action="answer.approve",
            target=answer,
            conference=answer.petition.conference,
            version=answer.version,
        )
    return answer


def _waits_for_head(answer: Answer) -> bool:
    return bool(answer.agency and answer.agency.requires_head_approval and answer.head_approved_at is None)


def _mark_petition_answered_if_complete(petition_id: int) -> None:
    petition = Petition.objects.select_for_update().get(pk=petition_id)
    still_open = petition.assignments.filter(status__in=OPEN_ASSIGNMENT_STATUSES).exists()
    if still_open or petition.status not in (PetitionStatus.RECEIVED, PetitionStatus.FORWARDED):
        return
    petition.set_status(PetitionStatus.ANSWERED)
    petition.save(update_fields=["status", "updated_at"])


def answers_publish(*, answers, actor) -> int:
    """Publish approved answers (with the notice, or in bulk): approved -> published, and their petitions
    answered -> published with published_at. Answers in any other state are left alone. Returns how many moved.

    Idempotent: publishing the same answers twice changes nothing the second time.
    """
    ids = list(answers.values_list("pk", flat=True)) if hasattr(answers, "values_list") else [a.pk for a in answers]
    now = timezone.now()
    published = 0
    with transaction.atomic():
        rows = Answer.objects.select_for_update().filter(pk__in=ids, state=AnswerState.APPROVED).order_by("pk")
        petition_ids = set()
        for answer in rows:
            answer.set_state(AnswerState.PUBLISHED)
            answer.published_at = now
            answer.version += 1
            answer.save()
            _revision(answer, action="published", actor=actor)
            petition_ids.add(answer.petition_id)
            published += 1
        for petition in Petition.objects.select_for_update().filter(pk__in=petition_ids).select_related("conference"):
            if petition.status == PetitionStatus.ANSWERED:
                petition.set_status(PetitionStatus.PUBLISHED)
                petition.published_at = now
                petition.save(update_fields=["status", "published_at", "updated_at"])
            record(
                actor=actor,
                action="answer.publish",
                target=petition,
                conference=petition.conference,
                message=_("Công bố trả lời kiến nghị số %(number)s") % {"number": petition.number},
            )
    return published


def answer_record_on_the_spot(
    *,
    petition: Petition,
    answered_by: str,
    summary: str,
    actor,
    agency: Agency | None = None,
    sub_question: SubQuestion | None = None,
    written_followup_due: date | None = None,
) -> Answer:
    """Record an answer given at the conference (who answered, a summary); Home Affairs records it, so it is
    approved at once. 'Will answer in writing by <date>' opens an after-conference assignment to the agency."""
    if not answered_by.strip() or not summary.strip():
        raise AnsweringError(_("Nhập người trả lời và tóm tắt nội dung trả lời."))
    if written_followup_due and agency is None:
        raise AnsweringError(_("Chọn cơ quan sẽ trả lời bằng văn bản."))
    with transaction.atomic():
        petition = Petition.objects.select_for_update().select_related("conference").get(pk=petition.pk)
        now = timezone.now()
        answer = Answer.objects.create(
            petition=petition,
            sub_question=sub_question,
            agency=agency,
            text=summary.strip(),
            state=AnswerState.DRAFT,
            author=actor,
            answered_at_conference=True,
            answered_by=answered_by.strip(),
            written_followup_due=written_followup_due,
        )
        answer.set_state(AnswerState.APPROVED)
        answer.approved_by, answer.approved_at = actor, now
        answer.save()
        _revision(answer, action="answered_on_the_spot", actor=actor, comment=answered_by.strip())
        record(
            actor=actor,
            action="answer.on_the_spot",
            target=answer,
            conference=petition.conference,
            message=_("Trả lời trực tiếp tại hội nghị: %(who)s") % {"who": answered_by.strip()},
        )
        if written_followup_due:
            assignment_create(
                petition=petition,
                sub_question=sub_question,
                lead_agency=agency,
                due=DueSpec(DueRule.FIXED_DATE, None, written_followup_due),
                actor=actor,
                stage=AssignmentStage.AFTER_CONFERENCE,
            )
        else:
            _mark_petition_answered_if_complete(petition.pk)
    return answer


# 4. Deadlines when the calendar changes --------------------------------------------------------------------------


def assignments_recompute_deadlines(*, actor, reason: str) -> list[MovedDeadline]:
    """Recompute every open assignment whose deadline depends on the calendar (working or calendar days).

    Called when the CalendarOverride table changes; each moved deadline is audited with old and new dates.
    """
    workdays.invalidate()
    changes: list[MovedDeadline] = []
    with transaction.atomic():
        # Drop the cached table again once committed: a read inside this transaction may have cached its state.
        transaction.on_commit(workdays.invalidate)
        open_ = (
            Assignment.objects.select_for_update()
            .filter(status__in=OPEN_ASSIGNMENT_STATUSES, due_rule__in=[DueRule.WORKING_DAYS, DueRule.CALENDAR_DAYS])
            .exclude(due_rule_base__isnull=True)
            .select_related("petition__conference")
        )
        for assignment in open_:
            deadline = deadline_of(assignment)
            if deadline.due == assignment.due_date and deadline.explanation == assignment.due_explanation:
                continue
            old = assignment.due_date
            assignment.due_date, assignment.due_explanation = deadline.due, deadline.explanation
            assignment.save(update_fields=["due_date", "due_explanation"])
            if old != deadline.due:
                changes.append(MovedDeadline("assignment", assignment.pk, old, deadline.due))
                record(
                    actor=actor,
                    action="assignment.deadline_recomputed",
                    target=assignment,
                    conference=assignment.petition.conference,
                    message=_("Hạn đổi từ %(old)s sang %(new)s do thay đổi lịch nghỉ: %(reason)s")
                    % {"old": f"{old:%d/%m/%Y}", "new": f"{deadline.due:%d/%m/%Y}", "reason": reason},
                    old=old.isoformat(),
                    new=deadline.due.isoformat(),
                )
    logger.info("calendar change (%s): %d open deadlines moved", reason, len(changes))
    return changes
