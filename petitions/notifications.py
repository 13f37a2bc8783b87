"""Immediate notifications of the answering journey: an assignment made, an answer returned for revision, an
answer's wording corrected by Home Affairs, answers published (the young people who sent those questions online)."""

from django.utils.translation import gettext as _

from conferences.notifications.tell import in_vietnamese, officers_of, tell, url_or_blank

from .models import Answer, Assignment
from .questions import notifications as questions


@in_vietnamese
def assignment_created(assignment_id: int) -> int:
    """A petition (or sub-question) was assigned: tell the lead agency's officers (in-app + immediate email)."""
    assignment = (
        Assignment.objects.select_related("petition__conference", "sub_question", "lead_agency")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        return 0
    petition = assignment.petition
    text = _("Kiến nghị số %(number)s được giao cho cơ quan, hạn trả lời %(due)s.") % {
        "number": petition.number,
        "due": f"{assignment.due_date:%d/%m/%Y}",
    }
    url = url_or_blank("petitions:assignment", pk=assignment.pk) or url_or_blank("petitions:detail", pk=petition.pk)
    return tell(
        officers_of(assignment.lead_agency_id),
        kind="assignment",
        item_key=f"assignment:{assignment.pk}",
        stage="created",
        text=text,
        url=url,
        email_context={"assignment": assignment, "petition": petition, "conference": petition.conference},
    )


@in_vietnamese
def answer_returned(answer_id: int, revision: int) -> int:
    """Home Affairs returned an answer for revision: tell the answering agency's officers (in-app + email)."""
    answer = Answer.objects.select_related("petition__conference", "assignment").filter(pk=answer_id).first()
    if answer is None or answer.agency_id is None:
        return 0
    text = _("Trả lời kiến nghị số %(number)s bị trả lại để sửa: %(comment)s") % {
        "number": answer.petition.number,
        "comment": answer.review_comment,
    }
    url = url_or_blank("petitions:answer", pk=answer.pk) or url_or_blank("petitions:detail", pk=answer.petition_id)
    return tell(
        officers_of(answer.agency_id),
        kind="answer_returned",
        item_key=f"answer:{answer.pk}",
        stage=f"returned:{revision}",
        text=text,
        url=url,
        email_context={"answer": answer, "petition": answer.petition, "conference": answer.petition.conference},
    )


def petitions_published(petition_ids: list[int]) -> int:
    """Answers of these petitions were just published: each sender who follows one of them is told once."""
    return questions.tell_answered(petition_ids)


@in_vietnamese
def answer_corrected(answer_id: int, revision: int) -> int:
    """Home Affairs corrected the wording of a submitted answer: tell the answering agency's officers (in-app)."""
    answer = Answer.objects.select_related("petition").filter(pk=answer_id).first()
    if answer is None or answer.agency_id is None:
        return 0
    text = _("Nội vụ đã sửa câu chữ trả lời kiến nghị số %(number)s (phiên bản %(version)s); xem phần so sánh.") % {
        "number": answer.petition.number,
        "version": revision,
    }
    return tell(
        officers_of(answer.agency_id),
        kind="answer_corrected",
        item_key=f"answer:{answer.pk}",
        stage=f"corrected:{revision}",
        text=text,
        url=url_or_blank("petitions:answer", pk=answer.pk),
    )
