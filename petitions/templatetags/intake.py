"""Template helpers of the intake journey: the conference page's intake card and the dashboard cards."""

from django import template
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from conferences.models import ConferenceStatus, IntakeSubmission
from conferences.people import display_name
from conferences.permissions import conferences_visible_to, membership_of

from ..permissions import (
    can_log_petitions,
    can_submit_intake,
    capabilities,
    hands_over_intake,
    intake_submissions_visible_to,
    petitions_visible_to,
    why_cannot_log,
)
from ..questions import dashboard as question_dashboard
from ..services.intake import handed_over_late, intake_deadline_for

register = template.Library()


@register.simple_tag(takes_context=True)
def intake_conference_panel(context, conference) -> dict:
    """What the conference page shows about intake to this user: counts, actions, hand-overs with lateness."""
    user = context["request"].user
    can = capabilities(user)
    membership = membership_of(user)
    submissions = intake_submissions_visible_to(user, conference).select_related(
        "agency__unit", "submitted_by", "conference__organising_unit"
    )
    rows = [(s, handed_over_late(s)) for s in submissions.order_by("-submitted_at")[:20]]
    deadline = intake_deadline_for(conference, membership.agency) if membership else conference.union_intake_deadline
    return {
        "visible": petitions_visible_to(user, conference).not_merged().count() if can["view_petitions"] else 0,
        "can_log": can_log_petitions(user, conference),
        "can_submit": can_submit_intake(user, conference),
        "is_union": hands_over_intake(user),
        "submissions": rows,
        "deadline": deadline,
        "overdue_now": bool(deadline and timezone.localdate() > deadline),
        "show": can["view_petitions"],
    }


@register.simple_tag(takes_context=True)
def intake_home_cards(context) -> list[dict]:
    """One card per conference that is collecting petitions in the user's area (Youth Union and Home Affairs); read
    once per request (the questions card reads the same rows)."""
    request = context["request"]
    if not hasattr(request, "_intake_home_cards"):
        request._intake_home_cards = _intake_home_cards(request.user)
    return request._intake_home_cards


def _intake_home_cards(user) -> list[dict]:
    if not capabilities(user)["log_petitions"]:
        return []
    conferences = list(
        conferences_visible_to(user)
        .filter(status__in=[ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING])
        .select_related("organising_unit")
        # A Youth Union's figures of questions sent online come with this query (petitions.questions.dashboard).
        .annotate(**question_dashboard.conference_annotations(user))
        .order_by("-year", "title")[:6]
    )
    if not conferences:
        return []
    counts = dict(
        petitions_visible_to(user)
        .filter(conference__in=conferences)
        .not_merged()
        .order_by()
        .values("conference")
        .annotate(n=Count("id"))
        .values_list("conference", "n")
    )
    membership = membership_of(user)
    handed = set()
    if membership:
        handed = set(
            IntakeSubmission.objects.filter(conference__in=conferences, agency=membership.agency).values_list(
                "conference_id", flat=True
            )
        )
    cards = []
    for conference in conferences:
        deadline = intake_deadline_for(conference, membership.agency) if membership else None
        can_log = can_log_petitions(user, conference)
        cards.append(
            {
                "conference": conference,
                "count": counts.get(conference.pk, 0),
                "deadline": deadline,
                "days_left": (deadline - timezone.localdate()).days if deadline else None,
                "handed": conference.pk in handed,
                "can_log": can_log,
                "why_not": "" if can_log else why_cannot_log(user, conference),
            }
        )
    return cards


@register.filter
def person(user) -> str:
    """Vietnamese name order (family name first, as in the navigation bar), or the login name."""
    return display_name(user) if user else "—"


def _option(value, label, selected: bool) -> str:
    if selected:
        return format_html('<option value="{}" selected>{}</option>', value, label)
    return format_html('<option value="{}">{}</option>', value, label)


@register.simple_tag
def fast_select(field) -> str:
    """A filter <select> built in Python (every value escaped by format_html): the site filter has 200+ options
    and the widget templates would render each one as its own template."""
    value = field.value()
    current = {str(v) for v in (value if isinstance(value, list) else [value]) if v}
    options = format_html_join(
        "", "{}", ((_option(value, label, str(value) in current),) for value, label in field.field.choices)
    )
    return format_html(
        '<select name="{}" id="{}" class="form-select form-select-sm">{}</select>',
        field.html_name,
        field.id_for_label,
        options,
    )
