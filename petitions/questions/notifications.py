"""What the sender of a question is told, through the outbox, on the channel they chose; each message once.

Dedupe keys: question:<pk>:confirm:<n> (the n-th link or code sent), question:<pk>:accepted | merged | declined,
question:<pk>:answered. Every function is called inside the service's transaction, so the outbox row commits with
the change that caused it; a sender whose contact was erased is told nothing.
"""

from django.urls import reverse

from conferences.models import TEXT_CHANNELS
from conferences.notifications import outbox
from conferences.notifications.tell import in_vietnamese

from ..models import Answer
from .models import QuestionState, YouthQuestion

CODE_MINUTES = 30


def track_url(question: YouthQuestion) -> str:
    return outbox.absolute_url(reverse("public:question_track", kwargs={"token": question.token}))


def confirm_url(question: YouthQuestion, key: str) -> str:
    return outbox.absolute_url(reverse("public:question_confirm", kwargs={"token": question.token, "key": key}))


def _context(question: YouthQuestion, **extra) -> dict:
    return {
        "question": question,
        "conference": question.conference,
        "name": question.sender_name,
        "track_url": track_url(question),
        **extra,
    }


def _enqueue(question: YouthQuestion, kind: str, key: str, context: dict):
    """One message to the sender on their channel; (row, created)."""
    if not question.has_contact:
        return None, False
    channel = question.notify_by
    if channel in TEXT_CHANNELS and question.phone:
        rendered = outbox.render_text(kind if kind != "question_confirm" else "question_code", context, channel=channel)
        return outbox.enqueue(
            kind=kind,
            dedupe_key=key,
            rendered=rendered,
            channel=channel,
            to_phone=question.phone,
            items=_items(question),
        )
    rendered = outbox.render(kind, context)
    return outbox.enqueue(kind=kind, dedupe_key=key, rendered=rendered, to_email=question.email, items=_items(question))


def _items(question: YouthQuestion) -> list[dict]:
    return [{"item": f"question:{question.pk}"}]


@in_vietnamese
def send_confirmation(question: YouthQuestion, secret: str):
    """The email link (secret = its key) or the text code (secret = the code); the n-th one sent."""
    context = _context(
        question,
        confirm_url=confirm_url(question, secret) if question.notify_by not in TEXT_CHANNELS else "",
        code=secret,
        minutes=CODE_MINUTES,
        expires_at=question.expires_at,
    )
    return _enqueue(question, "question_confirm", f"question:{question.pk}:confirm:{question.confirm_sends}", context)


DECIDED_KINDS = {
    QuestionState.ACCEPTED: "question_accepted",
    QuestionState.MERGED: "question_merged",
    QuestionState.DECLINED: "question_declined",
}


@in_vietnamese
def tell_decided(question: YouthQuestion):
    """Accepted, merged or declined: once, whatever happens to the question afterwards."""
    kind = DECIDED_KINDS[question.state]
    context = _context(
        question,
        petition=question.petition,
        dialogue_date=question.conference.dialogue_date,
        reason=question.reason_text if question.state == QuestionState.DECLINED else "",
    )
    return _enqueue(question, kind, f"question:{question.pk}:{question.state}", context)


@in_vietnamese
def tell_answered(petition_ids) -> int:
    """The answers of these petitions were just published: tell every sender who follows one of them, once."""
    questions = list(
        YouthQuestion.objects.following(petition_ids)
        .with_contact()
        .select_related("conference", "petition__duplicate_of")
        .order_by("pk")
    )
    if not questions:
        return 0
    followed = {q.pk: (q.petition.duplicate_of_id or q.petition_id) for q in questions}
    answers: dict[int, list[Answer]] = {}
    for answer in (
        Answer.objects.published()
        .filter(petition_id__in=set(followed.values()))
        .select_related("agency", "sub_question")
        .order_by("sub_question__position", "id")
    ):
        answers.setdefault(answer.petition_id, []).append(answer)
    told = 0
    for question in questions:
        context = _context(question, answers=answers.get(followed[question.pk], []))
        _row, created = _enqueue(question, "question_answered", f"question:{question.pk}:answered", context)
        told += int(created)
    return told
