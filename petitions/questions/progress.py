"""Where a question stands, in words, for the person who sent it: received, accepted for the dialogue on <date>,
assigned to <agency>, answered (the published answers), or declined with the reason.

Only what the sender may know: agencies by name, never an officer; answers only once published; nothing of Home
Affairs' review. A question merged into a petition (or accepted into one Home Affairs later merged as a duplicate)
follows the petition that is kept.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from ..models import Answer, Assignment, Petition, PetitionStatus
from .models import FOLLOWING_STATES, QuestionState, YouthQuestion


class Stage:
    UNCONFIRMED = "unconfirmed"
    RECEIVED = "received"
    ACCEPTED = "accepted"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    DECLINED = "declined"


@dataclass
class Step:
    label: str
    when: datetime | date | None
    done: bool


@dataclass
class Progress:
    stage: str
    headline: str
    detail: str = ""
    petition: Petition | None = None
    agencies: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    @property
    def is_answered(self) -> bool:
        return self.stage == Stage.ANSWERED


def followed_petition(question: YouthQuestion) -> Petition | None:
    """The petition whose answer the sender waits for (the kept one, when theirs was merged as a duplicate)."""
    if question.state not in FOLLOWING_STATES or question.petition_id is None:
        return None
    petition = Petition.objects.select_related("conference", "duplicate_of__conference").get(pk=question.petition_id)
    return petition.duplicate_of if petition.duplicate_of_id else petition


def _agencies(petition: Petition) -> list[str]:
    names = []
    for assignment in Assignment.objects.current().filter(petition=petition).select_related("lead_agency"):
        name = assignment.lead_agency.name
        if name not in names:
            names.append(name)
    return names


def _steps(question: YouthQuestion, petition: Petition | None, assigned: bool, answered_at) -> list[Step]:
    steps = [
        Step(_("Đã gửi"), question.created_at, True),
        Step(_("Đã xác nhận"), question.confirmed_at, question.is_confirmed),
    ]
    if question.state == QuestionState.DECLINED:
        return [*steps, Step(_("Không tiếp nhận"), question.decided_at, True)]
    steps.append(Step(_("Đoàn Thanh niên tiếp nhận"), question.decided_at, petition is not None))
    steps.append(Step(_("Giao cơ quan trả lời"), None, assigned or answered_at is not None))
    steps.append(Step(_("Công bố trả lời"), answered_at, answered_at is not None))
    return steps


def progress_of(question: YouthQuestion) -> Progress:
    if question.state in (QuestionState.UNCONFIRMED, QuestionState.WAITING, QuestionState.DECLINED):
        return _before_a_petition(question)
    petition = followed_petition(question)
    if petition is None:  # the petition was removed: say what is known
        return Progress(Stage.RECEIVED, _("Đã nhận"), steps=_steps(question, None, False, None))
    if petition.status == PetitionStatus.PUBLISHED and petition.published_at:
        return _answered(question, petition)
    agencies = _agencies(petition)
    accepted = _accepted_text(question, petition)
    if agencies:
        return Progress(
            Stage.ASSIGNED,
            _("Đã giao cơ quan trả lời"),
            _("Giao cho: %(agencies)s.") % {"agencies": "; ".join(agencies)} + " " + accepted,
            petition=petition,
            agencies=agencies,
            steps=_steps(question, petition, True, None),
        )
    return Progress(
        Stage.ACCEPTED,
        _("Đã được tiếp nhận"),
        accepted,
        petition=petition,
        steps=_steps(question, petition, False, None),
    )


def _before_a_petition(question: YouthQuestion) -> Progress:
    """Unconfirmed, waiting for the Youth Union, or declined: no petition to follow yet."""
    steps = _steps(question, None, False, None)
    if question.state == QuestionState.UNCONFIRMED:
        return Progress(Stage.UNCONFIRMED, _("Chờ bạn xác nhận"), steps=steps)
    if question.state == QuestionState.WAITING:
        return Progress(
            Stage.RECEIVED,
            _("Đã nhận"),
            _("Câu hỏi đã được xác nhận và đang chờ Đoàn Thanh niên xem xét."),
            steps=steps,
        )
    return Progress(Stage.DECLINED, _("Không được tiếp nhận"), question.reason_text, steps=steps)


def _answered(question: YouthQuestion, petition: Petition) -> Progress:
    """The petition's answers are published: they are shown to the sender."""
    answers = list(
        Answer.objects.published()
        .filter(petition=petition)
        .select_related("agency", "sub_question")
        .defer("review_comment", "author", "head_approved_by", "approved_by")
        .order_by("sub_question__position", "id")
    )
    return Progress(
        Stage.ANSWERED,
        _("Đã có trả lời"),
        _("Trả lời của cơ quan có thẩm quyền đã được công bố."),
        petition=petition,
        agencies=sorted({a.agency.name for a in answers if a.agency}),
        answers=answers,
        steps=_steps(question, petition, True, petition.published_at),
    )


def _accepted_text(question: YouthQuestion, petition: Petition) -> str:
    """The question was taken into the conference (merged with a petition of the same content, perhaps)."""
    dialogue = petition.conference.dialogue_date
    accepted = (
        _("Câu hỏi được đưa vào hội nghị đối thoại ngày %(date)s.") % {"date": f"{dialogue:%d/%m/%Y}"}
        if dialogue
        else _("Câu hỏi được đưa vào hội nghị đối thoại.")
    )
    if question.state == QuestionState.MERGED:
        accepted = _("Câu hỏi được gộp với kiến nghị số %(n)s cùng nội dung. ") % {"n": petition.number} + accepted
    return accepted
