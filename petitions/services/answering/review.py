"""Home Affairs approves answers, publishes them, and records the answers given live at the conference.

A petition is answered once every open part of it has an approved answer, and published with its answers.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.errors import Refused
from conferences.locking import bump, locked
from conferences.models import Agency
from conferences.text import nfc

from ... import notifications as notify
from ...models import (
    Answer,
    AnswerState,
    Assignment,
    AssignmentStage,
    AssignmentStatus,
    Petition,
    PetitionStatus,
    RevisionAction,
    SubQuestion,
)
from .answers import lock_answer, revise
from .assigning import assignment_create


def answer_approve(*, answer: Answer, actor, version: int | None = None) -> Answer:
    """Approve a submitted answer: it is frozen, its assignment is answered, and the petition is answered once
    every open part of it has an approved answer."""
    with transaction.atomic():
        answer = lock_answer(answer, version)
        if answer.waits_for_head:
            raise Refused(_("Trả lời chưa được lãnh đạo cơ quan duyệt."))
        answer.set_state(AnswerState.APPROVED)
        answer.approved_by, answer.approved_at = actor, timezone.now()
        bump(answer)
        answer.save()
        revise(answer, action=RevisionAction.APPROVED, actor=actor)
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


def answer_correct(*, answer: Answer, text: str, version: int, actor, comment: str = "") -> Answer:
    """Home Affairs corrects the wording of a submitted answer before approving it (a typo, an official term): a
    revision of its own ("Nội vụ sửa câu chữ", the diff on the history page), the agency told; the answer stays
    submitted, to be approved at its new version."""
    text = nfc(text).replace("\r\n", "\n").strip()
    if not text:
        raise Refused(_("Nội dung trả lời không được để trống."))
    with transaction.atomic():
        answer = lock_answer(answer, version)
        if not answer.awaits_review:
            raise Refused(_("Chỉ sửa câu chữ được khi trả lời đang chờ Nội vụ duyệt."))
        if answer.text == text:
            raise Refused(_("Nội dung chưa thay đổi."))
        answer.text = text
        bump(answer)
        answer.save()
        revise(answer, action=RevisionAction.CORRECTED, actor=actor, comment=comment.strip())
        record(
            actor=actor,
            action="answer.correct",
            target=answer,
            conference=answer.petition.conference,
            message=comment.strip(),
            version=answer.version,
        )
        notify.answer_corrected(answer.pk, answer.version)
    return answer


def _mark_petition_answered_if_complete(petition_id: int) -> None:
    petition = locked(Petition.objects.all(), pk=petition_id, version=None)
    still_open = petition.assignments.open().exists()
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
            bump(answer)
            answer.save()
            revise(answer, action=RevisionAction.PUBLISHED, actor=actor)
            petition_ids.add(answer.petition_id)
            published += 1
        newly_public = []
        for petition in Petition.objects.select_for_update().filter(pk__in=petition_ids).select_related("conference"):
            if petition.status == PetitionStatus.ANSWERED:
                petition.set_status(PetitionStatus.PUBLISHED)
                petition.published_at = now
                petition.save(update_fields=["status", "published_at", "updated_at"])
                newly_public.append(petition.pk)
            record(
                actor=actor,
                action="answer.publish",
                target=petition,
                conference=petition.conference,
                message=_("Công bố trả lời kiến nghị số %(number)s") % {"number": petition.number},
            )
        if newly_public:
            # Young people who sent these questions online hear it once, with the outbox rows of this commit.
            notify.petitions_published(newly_public)
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
        raise Refused(_("Nhập người trả lời và tóm tắt nội dung trả lời."))
    if written_followup_due and agency is None:
        raise Refused(_("Chọn cơ quan sẽ trả lời bằng văn bản."))
    with transaction.atomic():
        petition = Petition.objects.select_for_update().select_related("conference").get(pk=petition.pk)
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
        answer.approved_by, answer.approved_at = actor, timezone.now()
        answer.save()
        revise(answer, action=RevisionAction.ANSWERED_ON_THE_SPOT, actor=actor, comment=answered_by.strip())
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
                due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, written_followup_due),
                actor=actor,
                stage=AssignmentStage.AFTER_CONFERENCE,
            )
        else:
            _mark_petition_answered_if_complete(petition.pk)
    return answer
