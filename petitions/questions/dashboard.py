"""The Youth Union's dashboard figures of questions sent online, read with the intake cards' own query (no query of
their own): per conference, correlated counts by state and the oldest waiting question of the user's scope."""

from django.db.models import Count, DateTimeField, IntegerField, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .permissions import can_moderate, questions_for_moderation

FIGURES = ("waiting", "accepted", "merged", "declined")


def _count(rows, state: str):
    counted = rows.filter(state=state).order_by().values("conference").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def conference_annotations(user) -> dict:
    """Annotations for a Conference queryset: questions_<state> counts and questions_oldest (a waiting one's
    confirmation time) of the questions this user moderates; empty for anybody who does not moderate."""
    if not can_moderate(user):
        return {}
    rows = questions_for_moderation(user).filter(conference=OuterRef("pk"))
    oldest = rows.waiting().order_by().values("conference").annotate(m=Min("confirmed_at")).values("m")[:1]
    return {
        **{f"questions_{state}": _count(rows, state) for state in FIGURES},
        "questions_oldest": Subquery(oldest, output_field=DateTimeField()),
    }


def totals(conferences) -> dict | None:
    """The card: counts summed over the conferences shown, the oldest waiting question among them."""
    conferences = [c for c in conferences if hasattr(c, "questions_waiting")]
    if not conferences:
        return None
    figures = {state: sum(getattr(c, f"questions_{state}") for c in conferences) for state in FIGURES}
    oldest = [c.questions_oldest for c in conferences if c.questions_oldest]
    figures["oldest"] = min(oldest) if oldest else None
    figures["oldest_conference"] = min(
        (c for c in conferences if c.questions_oldest), key=lambda c: c.questions_oldest, default=None
    )
    return figures
