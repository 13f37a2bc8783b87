"""A Youth Union hands its compiled list of petitions on (to the union above it, or to Home Affairs)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused
from conferences.models import Agency, Conference, IntakeSubmission

from ...permissions import petitions_visible_to


def intake_deadline_for(conference: Conference, agency: Agency):
    """The Youth Union of the organising unit hands over to Home Affairs (union deadline); lower unions hand their
    sites' petitions to it (site deadline)."""
    if conference.organising_unit.path.startswith(agency.unit.path):
        return conference.union_intake_deadline
    return conference.site_intake_deadline or conference.union_intake_deadline


def handed_over_late(submission: IntakeSubmission) -> bool:
    deadline = intake_deadline_for(submission.conference, submission.agency)
    return bool(deadline and timezone.localdate(submission.submitted_at) > deadline)


@transaction.atomic
def intake_submit(*, conference: Conference, actor, note: str = "") -> IntakeSubmission:
    """Record that a Youth Union handed its compiled list on, with the time and how many petitions it held."""
    agency = actor.membership.agency
    count = petitions_visible_to(actor, conference).not_merged().count()
    if count == 0:
        raise Refused(_("Chưa có kiến nghị nào để gửi."))
    submission = IntakeSubmission.objects.create(
        conference=conference,
        agency=agency,
        submitted_by=actor,
        submitted_at=timezone.now(),
        petition_count=count,
        note=note.strip(),
    )
    late = handed_over_late(submission)
    record(
        actor=actor,
        action="intake.submit",
        target=submission,
        conference=conference,
        message=_("%(agency)s gửi tổng hợp %(n)s kiến nghị%(late)s")
        % {"agency": agency, "n": count, "late": _(" (quá hạn)") if late else ""},
        petitions=count,
        late=late,
    )
    return submission
