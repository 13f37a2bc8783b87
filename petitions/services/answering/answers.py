"""The lead agency writes its answer, submits it (through its head where required), and gets it back to revise.

Answer lifecycle (petitions.models.ANSWER_TRANSITIONS):
    draft -> submitted -> approved -> published
               |  ^          |
               v  |          v
             returned <------+   (Home Affairs returns, or reopens an approved/published answer)
Agencies with requires_head_approval: a submitted answer waits for the agency head (head_approved_at) before it
reaches Home Affairs' review queue; the head may approve it or return it to the officer.

Every change bumps Answer.version (conferences.locking); forms carry the version they were rendered with and a stale
one is refused with `Conflict`, so two officers never overwrite each other silently.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Conflict, Refused
from conferences.locking import bump, locked
from conferences.people import display_name
from conferences.text import nfc

from ... import notifications as notify
from ...models import (
    ANSWERED_PETITION_STATES,
    Answer,
    AnswerAttachment,
    AnswerRevision,
    AnswerState,
    Assignment,
    AssignmentStatus,
    Petition,
    PetitionStatus,
    RevisionAction,
)
from ..intake import CheckedUpload


def revise(answer: Answer, *, action: RevisionAction, actor, comment: str = "") -> AnswerRevision:
    """Keep the answer as it now stands in its history."""
    return AnswerRevision.objects.create(
        answer=answer,
        version=answer.version,
        text=answer.text,
        state=answer.state,
        action=action,
        comment=comment,
        actor=actor,
    )


def lock_answer(answer: Answer, version: int | None) -> Answer:
    """The answer row locked for the transaction; `Conflict` naming who saved it if it is no longer `version`."""
    try:
        # The answer row only: agency and author are outer joins, which PostgreSQL cannot lock.
        return locked(Answer.objects.select_related("petition", "agency", "author"), pk=answer.pk, version=version)
    except Conflict as conflict:
        current = conflict.current
        who = display_name(current.author) if current.author_id else _("người khác")
        raise Conflict(
            _("Trả lời này vừa được %(who)s lưu (phiên bản %(version)s) trong khi bạn đang sửa. Bản của bạn chưa lưu.")
            % {"who": who, "version": current.version},
            current=current,
        ) from None


def _start(assignment: Assignment, *, text: str, actor) -> Answer:
    answer = Answer.objects.create(
        petition=assignment.petition,
        sub_question=assignment.sub_question,
        assignment=assignment,
        agency=assignment.lead_agency,
        text=text,
        author=actor,
    )
    revise(answer, action=RevisionAction.DRAFT_SAVED, actor=actor)
    record(
        actor=actor,
        action="answer.create",
        target=answer,
        conference=assignment.petition.conference,
        version=answer.version,
    )
    return answer


def _edit(answer: Answer, *, version: int, text: str, actor) -> Answer:
    answer = lock_answer(answer, version)
    if not answer.is_editable:
        raise Refused(
            _("Trả lời đang ở trạng thái “%(state)s”, không sửa được.") % {"state": answer.get_state_display()}
        )
    if answer.text != text:
        answer.text = text
        answer.author = actor
        bump(answer)
        answer.save()
        revise(answer, action=RevisionAction.DRAFT_SAVED, actor=actor)
        record(
            actor=actor,
            action="answer.save",
            target=answer,
            conference=answer.petition.conference,
            version=answer.version,
        )
    return answer


def _change_attachments(answer: Answer, uploads: list[CheckedUpload], remove: list[int], actor) -> None:
    """Files the agency adds to (or takes off) its answer while it may still edit it; checked by their bytes in the
    form (petitions.forms.intake.check_attachment), stored under a neutral name, audited."""
    removed = list(answer.attachments.filter(pk__in=remove))
    for attachment in removed:
        attachment.file.delete(save=False)
        attachment.delete()
    for upload in uploads:
        attachment = AnswerAttachment(
            answer=answer,
            original_name=upload.original_name[:255],
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        upload.file.seek(0)
        attachment.file.save(f"tep.{upload.extension}", ContentFile(upload.file.read()), save=False)
        attachment.save()
    if uploads or removed:
        record(
            actor=actor,
            action="answer.attachments",
            target=answer,
            conference=answer.petition.conference,
            added=[u.original_name for u in uploads],
            removed=[a.original_name for a in removed],
        )


def answer_save(
    *,
    assignment: Assignment,
    text: str,
    version: int,
    actor,
    submit: bool = False,
    is_head: bool = False,
    attachments: list[CheckedUpload] = (),
    remove_attachments: list[int] = (),
) -> Answer:
    """Save the lead agency's answer as a draft (with the files it adds or removes), and optionally submit it.

    `version` is what the form was rendered with (0 when there was no answer yet); a different saved version means
    someone else saved in between and `Conflict` is raised with nothing written.
    """
    text = nfc(text).replace("\r\n", "\n").strip()  # as Answer.save() stores it, so an unchanged text compares equal
    if submit and not text:
        raise Refused(_("Nội dung trả lời đang để trống."))
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("petition", "lead_agency").get(pk=assignment.pk)
        )
        if assignment.status != AssignmentStatus.ACTIVE:
            raise Refused(_("Phân công không còn ở trạng thái đang xử lý; không thể sửa trả lời."))
        answer = Answer.objects.filter(assignment=assignment).first()
        if answer is None:
            if version != 0:
                raise Refused(_("Không tìm thấy bản trả lời đang sửa."))
            answer = _start(assignment, text=text, actor=actor)
        else:
            answer = _edit(answer, version=version, text=text, actor=actor)
        _change_attachments(answer, list(attachments), list(remove_attachments), actor)
        if submit:
            answer = _submit(answer, actor=actor, is_head=is_head)
    return answer


def _submit(answer: Answer, *, actor, is_head: bool) -> Answer:
    answer.set_state(AnswerState.SUBMITTED)
    bump(answer)
    answer.submitted_at = timezone.now()
    if answer.needs_head_approval and is_head:
        answer.head_approved_by, answer.head_approved_at = actor, answer.submitted_at
    else:
        answer.head_approved_by, answer.head_approved_at = None, None
    answer.save()
    revise(answer, action=RevisionAction.SUBMITTED, actor=actor)
    record(
        actor=actor,
        action="answer.submit",
        target=answer,
        conference=answer.petition.conference,
        version=answer.version,
        waits_for_head=answer.waits_for_head,
    )
    return answer


def answer_head_approve(*, answer: Answer, version: int, actor) -> Answer:
    """The agency head lets a submitted answer go on to Home Affairs."""
    with transaction.atomic():
        answer = lock_answer(answer, version)
        if not answer.waits_for_head:
            raise Refused(_("Trả lời không ở trạng thái chờ lãnh đạo cơ quan duyệt."))
        answer.head_approved_by, answer.head_approved_at = actor, timezone.now()
        bump(answer)
        answer.save()
        revise(answer, action=RevisionAction.HEAD_APPROVED, actor=actor)
        record(actor=actor, action="answer.head_approve", target=answer, conference=answer.petition.conference)
    return answer


def answer_return(*, answer: Answer, comment: str, actor, version: int | None = None, by_head: bool = False) -> Answer:
    """Send an answer back for revision with a comment (Home Affairs, or the agency head before it leaves).

    From approved or published this is Home Affairs reopening the answer: the assignment opens again and the
    petition goes back to 'forwarded'.
    """
    if not comment.strip():
        raise Refused(_("Nhập ý kiến khi trả lại để cơ quan biết cần sửa gì."))
    with transaction.atomic():
        answer = lock_answer(answer, version)
        reopening = answer.is_approved
        if by_head and not answer.waits_for_head:
            raise Refused(_("Trả lời không ở trạng thái chờ lãnh đạo cơ quan duyệt."))
        answer.set_state(AnswerState.RETURNED)
        answer.review_comment = comment.strip()
        bump(answer)
        answer.head_approved_by, answer.head_approved_at = None, None
        if reopening:
            answer.approved_by, answer.approved_at, answer.published_at = None, None, None
        answer.save()
        action = RevisionAction.REOPENED if reopening else RevisionAction.RETURNED
        revise(answer, action=action, actor=actor, comment=comment.strip())
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
    if petition.status in ANSWERED_PETITION_STATES:
        petition.set_status(PetitionStatus.FORWARDED)
        petition.save(update_fields=["status", "updated_at"])
