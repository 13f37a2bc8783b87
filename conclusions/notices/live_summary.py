"""How the dialogue day ended, as the conclusion notice states it (issue 12): how many questions were answered at
the conference and how many are answered in writing afterwards, and which appendix rows are written answers.

Read from the answering records themselves, whichever page made them (the live console or the per-petition
"answered at the conference" form):
- answered on the spot: a petition (not merged) with an approved or published answer flagged "at the conference";
- in writing: a petition (not merged) with an after-conference assignment (not withdrawn) and no such answer.
A petition answered on the spot with a written follow-up counts once, as answered on the spot.
"""

from django.db.models import Count, Exists, OuterRef, Q

from petitions.models import Answer, AnswerState, Assignment, AssignmentStage, AssignmentStatus, Petition

IN_WRITING_MARK = "Ghi nhận tại Hội nghị, trả lời bằng văn bản."


def _answered_on_the_spot():
    return Exists(
        Answer.objects.filter(
            petition=OuterRef("pk"),
            answered_at_conference=True,
            state__in=[AnswerState.APPROVED, AnswerState.PUBLISHED],
        )
    )


def _forwarded_in_writing():
    return Exists(
        Assignment.objects.filter(petition=OuterRef("pk"), stage=AssignmentStage.AFTER_CONFERENCE).exclude(
            status=AssignmentStatus.WITHDRAWN
        )
    )


def live_outcome_counts(conference) -> tuple[int, int]:
    """(answered on the spot, in writing) for the notice's opening; one query."""
    counts = (
        Petition.objects.filter(conference=conference)
        .not_merged()
        .annotate(spot=_answered_on_the_spot(), writing=_forwarded_in_writing())
        .aggregate(
            on_the_spot=Count("pk", filter=Q(spot=True)),
            in_writing=Count("pk", filter=Q(writing=True, spot=False)),
        )
    )
    return counts["on_the_spot"], counts["in_writing"]


def answered_in_writing_ids(conference) -> set[int]:
    """Petitions of the conference recorded at the conference to be answered in writing; one query."""
    rows = (
        Petition.objects.filter(conference=conference)
        .not_merged()
        .annotate(spot=_answered_on_the_spot(), writing=_forwarded_in_writing())
        .filter(writing=True, spot=False)
    )
    return set(rows.values_list("pk", flat=True))
