"""Home Affairs hands petitions to agencies; agencies decline what is not theirs; Home Affairs reassigns or keeps.

Assignment lifecycle (petitions.models.ASSIGNMENT_TRANSITIONS): active -> declined -> withdrawn (reassigned) or
active again (kept); active -> answered when its answer is approved; withdrawn is final.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.deadlines import DeadlineSpec
from conferences.errors import Refused
from conferences.models import Agency, IssueGroup

from ... import notifications as notify
from ...models import (
    ANSWERED_PETITION_STATES,
    Answer,
    Assignment,
    AssignmentStage,
    AssignmentStatus,
    Petition,
    PetitionStatus,
    SubQuestion,
)
from .deadlines import assignment_deadline


def _check_target_free(petition: Petition, sub_question: SubQuestion | None) -> None:
    """One open assignment per petition or per sub-question; a whole petition and its parts are not mixed."""
    open_ = Assignment.objects.open().filter(petition=petition)
    if sub_question is None:
        clash = open_.first()
    else:
        clash = open_.filter(Q(sub_question__isnull=True) | Q(sub_question=sub_question)).first()
    if clash is not None:
        raise Refused(
            _("Kiến nghị số %(number)s đã được giao cho %(agency)s; hãy giao lại thay vì giao mới.")
            % {"number": petition.number, "agency": clash.lead_agency}
        )


def assignment_create(
    *,
    petition: Petition,
    lead_agency: Agency,
    due: DeadlineSpec,
    actor,
    stage: str = AssignmentStage.BEFORE_CONFERENCE,
    sub_question: SubQuestion | None = None,
    coordinating_agencies: Iterable[Agency] = (),
) -> Assignment:
    """Hand a petition (or one sub-question) to a lead agency with a deadline computed from the rule."""
    if sub_question is not None and sub_question.petition_id != petition.pk:
        raise Refused(_("Câu hỏi thành phần không thuộc kiến nghị này."))
    if petition.status == PetitionStatus.MERGED:
        raise Refused(_("Kiến nghị đã được gộp vào kiến nghị khác, không giao trả lời."))
    deadline = assignment_deadline(due, stage=stage)
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
        if petition.status == PetitionStatus.RECEIVED or petition.status in ANSWERED_PETITION_STATES:
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
    due: DeadlineSpec,
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
            except Refused as refusal:
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
    due: DeadlineSpec | None = None,
    coordinating_agencies: Iterable[Agency] = (),
) -> Assignment:
    """Withdraw an open assignment with a reason and hand the same item to another (or the same) agency."""
    if not reason.strip():
        raise Refused(_("Nhập lý do giao lại."))
    with transaction.atomic():
        old = Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)
        if not old.is_open:
            raise Refused(_("Chỉ giao lại được phân công đang xử lý hoặc bị từ chối."))
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
        new = assignment_create(
            petition=old.petition,
            sub_question=old.sub_question,
            lead_agency=lead_agency,
            due=due or old.deadline_spec,
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
        raise Refused(_("Nhập lý do từ chối (vì sao không thuộc thẩm quyền)."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)
        answer = Answer.objects.filter(assignment=assignment).first()
        if answer is not None and not answer.is_editable:
            raise Refused(_("Trả lời đã gửi Nội vụ; không thể từ chối nữa."))
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
        raise Refused(_("Nhập ý kiến gửi cơ quan khi giữ nguyên phân công."))
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
