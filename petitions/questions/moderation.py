"""The Youth Union of the unit that holds a question's site moderates it: accept (a new petition, channel
"website", linked to the question), merge into an existing petition (the sender follows that one), or decline with a
reason. Each decision is taken once (the question row is locked), audited, and tells the sender in the same
transaction."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused
from conferences.locking import locked
from conferences.models import IssueGroup

from ..models import Channel, Petition
from ..services.intake import petition_create
from . import notifications
from .models import DeclineReason, QuestionState, YouthQuestion

DECLINE_TEXT_MAX_CHARS = 1000


def submitting_unit_of(question: YouthQuestion) -> str:
    """How the appendix names an online question's unit: the youth of the commune, never the person. Stored, and
    printed in the notice: Vietnamese whatever the moderator's interface language."""
    unit = question.bridge_point.unit
    with translation.override("vi"):
        place = unit.full_name if unit else question.bridge_point.name
        return _("Thanh niên %(place)s (gửi trực tuyến)") % {"place": place}


def _lock_waiting(question: YouthQuestion) -> YouthQuestion:
    current = locked(
        YouthQuestion.objects.select_related("conference", "bridge_point__unit"), pk=question.pk, version=None
    )
    if current.state != QuestionState.WAITING:
        raise Refused(
            _("Câu hỏi này đã được xem xét (%(state)s); trang vừa được cập nhật.")
            % {"state": current.get_state_display()}
        )
    return current


def _decided(question: YouthQuestion, state: str, actor) -> None:
    question.set_state(state)
    question.decided_by = actor
    question.decided_at = timezone.now()


def question_accept(*, question: YouthQuestion, actor, issue_group: IssueGroup | None = None) -> Petition:
    """A new petition of the conference from the question (its site, its issue group or the one chosen)."""
    with transaction.atomic():
        question = _lock_waiting(question)
        group = issue_group if issue_group is not None else question.issue_group
        if group is not None and group.conference_id != question.conference_id:
            raise Refused(_("Nhóm vấn đề đã chọn không thuộc hội nghị này."))
        petition = petition_create(
            conference=question.conference,
            actor=actor,
            values={
                "content": question.content,
                "submitting_unit": submitting_unit_of(question),
                "bridge_point": question.bridge_point,
                "issue_group": group,
                "channel": Channel.WEBSITE,
            },
            sub_questions=[],
        )
        _decided(question, QuestionState.ACCEPTED, actor)
        question.petition = petition
        question.save(update_fields=["state", "decided_by", "decided_at", "petition"])
        record(
            actor=actor,
            action="question.accept",
            target=question,
            conference=question.conference,
            message=_("Tiếp nhận câu hỏi gửi trực tuyến thành kiến nghị số %(n)s") % {"n": petition.number},
            petition=petition.pk,
        )
        notifications.tell_decided(question)
    return petition


def question_merge(*, question: YouthQuestion, into: Petition, actor) -> YouthQuestion:
    """The question says what an existing petition says: its sender follows that petition."""
    with transaction.atomic():
        question = _lock_waiting(question)
        into = locked(Petition.objects.all(), pk=into.pk, version=None)
        if into.conference_id != question.conference_id:
            raise Refused(_("Chỉ gộp được vào kiến nghị của cùng hội nghị."))
        if into.is_merged:
            raise Refused(
                _("Kiến nghị số %(n)s đã được gộp vào kiến nghị khác; hãy chọn kiến nghị được giữ lại.")
                % {"n": into.number}
            )
        _decided(question, QuestionState.MERGED, actor)
        question.petition = into
        question.save(update_fields=["state", "decided_by", "decided_at", "petition"])
        record(
            actor=actor,
            action="question.merge",
            target=question,
            conference=question.conference,
            message=_("Gộp câu hỏi gửi trực tuyến vào kiến nghị số %(n)s") % {"n": into.number},
            petition=into.pk,
        )
        notifications.tell_decided(question)
    return question


def question_decline(*, question: YouthQuestion, reason: str, text: str = "", actor) -> YouthQuestion:
    """Not taken into the dialogue, with a reason chosen (and/or written); the sender is told the reason."""
    text = (text or "").strip()
    if reason not in DeclineReason.values:
        raise Refused(_("Chọn lý do không tiếp nhận."))
    if reason == DeclineReason.OTHER and not text:
        raise Refused(_("Ghi lý do không tiếp nhận để báo cho người gửi."))
    if len(text) > DECLINE_TEXT_MAX_CHARS:
        raise Refused(_("Lý do dài tối đa %(n)s ký tự.") % {"n": DECLINE_TEXT_MAX_CHARS})
    with transaction.atomic():
        question = _lock_waiting(question)
        _decided(question, QuestionState.DECLINED, actor)
        question.decline_reason, question.decline_text = reason, text
        question.save(update_fields=["state", "decided_by", "decided_at", "decline_reason", "decline_text"])
        record(
            actor=actor,
            action="question.decline",
            target=question,
            conference=question.conference,
            message=_("Không tiếp nhận câu hỏi gửi trực tuyến: %(reason)s") % {"reason": question.reason_text},
        )
        notifications.tell_decided(question)
    return question
