"""Immediate notifications the workflow raises. Services call these after commit with primary keys.

Today each call writes in-app notifications for the people concerned; the outbox (email) work extends the same
functions so callers never change.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse

from conferences.models import Role

from .models import Notification


def _officers_of(agency_id: int):
    return get_user_model().objects.filter(
        is_active=True, membership__agency_id=agency_id, membership__role=Role.AGENCY_OFFICER
    )


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _notify(users, *, kind: str, text: str, url: str, key: str) -> int:
    created = 0
    for user in users:
        try:
            with transaction.atomic():
                Notification.objects.create(user=user, kind=kind, text=text[:500], url=url, dedupe_key=key)
            created += 1
        except IntegrityError:
            continue  # already told this person about this event
    return created


def assignment_created(assignment_id: int) -> int:
    """A petition (or sub-question) was assigned: tell the lead agency's officers."""
    from petitions.models import Assignment

    assignment = Assignment.objects.select_related("petition").filter(pk=assignment_id).first()
    if assignment is None:
        return 0
    petition = assignment.petition
    text = f"Kiến nghị số {petition.number} được giao cho cơ quan, hạn trả lời {assignment.due_date:%d/%m/%Y}."
    return _notify(
        _officers_of(assignment.lead_agency_id),
        kind="assignment",
        text=text,
        url=_url("petitions:assignment", pk=assignment.pk),
        key=f"assignment:{assignment.pk}:created",
    )


def answer_returned(answer_id: int, revision: int) -> int:
    """Home Affairs returned an answer for revision: tell the answering agency's officers."""
    from petitions.models import Answer

    answer = Answer.objects.select_related("petition").filter(pk=answer_id).first()
    if answer is None or answer.agency_id is None:
        return 0
    text = f"Trả lời kiến nghị số {answer.petition.number} bị trả lại để sửa: {answer.review_comment}"
    return _notify(
        _officers_of(answer.agency_id),
        kind="answer_returned",
        text=text,
        url=_url("petitions:answer", pk=answer.pk),
        key=f"answer:{answer.pk}:returned:{revision}",
    )
