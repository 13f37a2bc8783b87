"""Who may see and do what with petitions, assignments and answers. Views and list querysets use these."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from conferences.models import BridgePoint, Conference, ConferenceStatus, Role
from conferences.permissions import (
    can_manage_conference,
    can_view_conference,
    conferences_visible_to,
    membership_of,
    role_of,
)

from .live.capabilities import capabilities as live_capabilities
from .models import Answer, AnswerState, Assignment, AssignmentStatus, Petition, PetitionStatus


def _inside_unit(unit) -> Q:
    """Petitions belonging to a unit: its own conferences whole, and its own sites in the conferences above it."""
    return Q(conference__organising_unit__path__startswith=unit.path) | Q(
        bridge_point__unit__path__startswith=unit.path
    )


def petitions_visible_to(user, conference: Conference | None = None) -> QuerySet[Petition]:
    """The petitions a user may read.

    - Admins: everything.
    - Home Affairs, leaders and Youth Union staff: petitions of the conferences they can see, limited to their own
      unit: every petition of a conference organised inside their unit (the provincial union sees the whole
      provincial conference), otherwise the petitions of bridge points inside their unit (a district union sees
      its district's and its communes' sites of the provincial conference, never another district's).
    - Agency officers: only petitions assigned to their agency (lead or coordinating).
    """
    role = role_of(user)
    qs = Petition.objects.all()
    if conference is not None:
        qs = qs.filter(conference=conference)
    if role in (Role.ADMIN,):
        return qs
    if role in (Role.HOME_AFFAIRS, Role.LEADER, Role.YOUTH_UNION):
        unit = membership_of(user).agency.unit
        return qs.filter(conference__in=conferences_visible_to(user)).filter(_inside_unit(unit))
    if role == Role.AGENCY_OFFICER:
        agency = membership_of(user).agency
        mine = (
            Assignment.objects.filter(petition=OuterRef("pk"))
            .exclude(status=AssignmentStatus.WITHDRAWN)
            .filter(Q(lead_agency=agency) | Q(coordinating_agencies=agency))
        )
        return qs.filter(Exists(mine))
    return qs.none()


# --- Intake journey: logging, importing, editing, merging petitions and submitting the compiled list ---

# Youth Union staff log petitions while the conference collects them; Home Affairs may still add the questions
# raised live until the dialogue has been held.
INTAKE_STATUSES_YOUTH_UNION = (ConferenceStatus.COLLECTING,)
INTAKE_STATUSES_HOME_AFFAIRS = (ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING, ConferenceStatus.HELD)
MERGE_STATUSES = (ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING, ConferenceStatus.HELD)


def intake_sites_for(user, conference: Conference) -> QuerySet[BridgePoint]:
    """The bridge points whose petitions a user may log: all of them for the organiser's Home Affairs and for a
    Youth Union of the organising unit, only the sites inside their unit for a lower Youth Union."""
    sites = conference.bridge_points.select_related("unit").order_by("position", "name")
    role = role_of(user)
    if role == Role.ADMIN or (role == Role.HOME_AFFAIRS and can_manage_conference(user, conference)):
        return sites
    if role != Role.YOUTH_UNION or not can_view_conference(user, conference):
        return sites.none()
    unit = membership_of(user).agency.unit
    if conference.organising_unit.path.startswith(unit.path):
        return sites
    return sites.filter(unit__path__startswith=unit.path)


def can_log_petitions(user, conference: Conference) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return conference.status in INTAKE_STATUSES_HOME_AFFAIRS
    if role == Role.HOME_AFFAIRS:
        return conference.status in INTAKE_STATUSES_HOME_AFFAIRS and can_manage_conference(user, conference)
    if role == Role.YOUTH_UNION:
        return conference.status in INTAKE_STATUSES_YOUTH_UNION and intake_sites_for(user, conference).exists()
    return False


def can_edit_petition(user, petition: Petition) -> bool:
    """Youth Union staff correct what they logged until it is forwarded; Home Affairs until the dialogue is held.

    The caller has already checked that the petition is visible to the user (404 otherwise)."""
    if petition.status == PetitionStatus.MERGED:
        return False
    conference = petition.conference
    role = role_of(user)
    if role == Role.YOUTH_UNION:
        return petition.status == PetitionStatus.RECEIVED and conference.status in INTAKE_STATUSES_YOUTH_UNION
    if role in (Role.HOME_AFFAIRS, Role.ADMIN):
        return conference.status in INTAKE_STATUSES_HOME_AFFAIRS and can_manage_conference(user, conference)
    return False


def can_merge_petitions(user, conference: Conference) -> bool:
    """Only the organiser's Home Affairs merges duplicates (and undoes a merge)."""
    return (
        role_of(user) in (Role.HOME_AFFAIRS, Role.ADMIN)
        and conference.status in MERGE_STATUSES
        and can_manage_conference(user, conference)
    )


def can_submit_intake(user, conference: Conference) -> bool:
    """A Youth Union hands its compiled list on while collecting (a late hand-over is allowed, and shown late)."""
    return (
        role_of(user) == Role.YOUTH_UNION
        and conference.status in (ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING)
        and intake_sites_for(user, conference).exists()
    )


def can_view_petition_list(user, conference: Conference) -> bool:
    return role_of(user) is not None and can_view_conference(user, conference)


def can_view_contact(user, petition: Petition) -> bool:
    """The submitter's contact is private: Home Affairs, admins and the Youth Union that logged it."""
    return role_of(user) in (Role.HOME_AFFAIRS, Role.ADMIN, Role.YOUTH_UNION)


# --- Answering journey: assignments, answers, review and the Home Affairs dashboard ---


def can_manage_answering(user, conference: Conference) -> bool:
    """Assigning, reviewing and publishing belong to the organiser's Home Affairs (and admins)."""
    role = role_of(user)
    return role == Role.ADMIN or (role == Role.HOME_AFFAIRS and can_manage_conference(user, conference))


def _officer_agency(user):
    if role_of(user) != Role.AGENCY_OFFICER:
        return None
    return membership_of(user).agency


def assignments_visible_to(user) -> QuerySet[Assignment]:
    """Home Affairs and leaders: assignments of the petitions they may read; officers: their agency's (lead or
    coordinating, withdrawn ones included for the history); everybody else: none."""
    role = role_of(user)
    if role == Role.ADMIN:
        return Assignment.objects.all()
    if role in (Role.HOME_AFFAIRS, Role.LEADER):
        return Assignment.objects.filter(petition__in=petitions_visible_to(user))
    agency = _officer_agency(user)
    if agency is not None:
        coordinating = Assignment.coordinating_agencies.through.objects.filter(
            assignment_id=OuterRef("pk"), agency=agency
        )
        return Assignment.objects.filter(Q(lead_agency=agency) | Exists(coordinating))
    return Assignment.objects.none()


def answers_visible_to(user) -> QuerySet[Answer]:
    """Home Affairs and leaders: answers to the petitions they may read; officers: their agency's answers and the
    answers of assignments they coordinate; everybody else: none."""
    role = role_of(user)
    if role == Role.ADMIN:
        return Answer.objects.all()
    if role in (Role.HOME_AFFAIRS, Role.LEADER):
        return Answer.objects.filter(petition__in=petitions_visible_to(user))
    agency = _officer_agency(user)
    if agency is not None:
        return Answer.objects.filter(Q(agency=agency) | Q(assignment__in=assignments_visible_to(user)))
    return Answer.objects.none()


def can_use_inbox(user) -> bool:
    return _officer_agency(user) is not None


def is_lead_officer(user, assignment: Assignment) -> bool:
    agency = _officer_agency(user)
    return agency is not None and assignment.lead_agency_id == agency.pk


def can_write_answer(user, assignment: Assignment) -> bool:
    """Officers of the lead agency write while the assignment is active and the answer is theirs to edit."""
    if assignment.status != AssignmentStatus.ACTIVE or not is_lead_officer(user, assignment):
        return False
    answer = getattr(assignment, "answer", None)
    return answer is None or answer.state in (AnswerState.DRAFT, AnswerState.RETURNED)


def can_decline_assignment(user, assignment: Assignment) -> bool:
    return can_write_answer(user, assignment)


def is_agency_head(user, agency) -> bool:
    membership = membership_of(user)
    if membership is None or membership.role != Role.AGENCY_OFFICER:
        return False
    return membership.is_head and membership.agency_id == agency.pk


def can_head_review(user, answer: Answer) -> bool:
    """The head of an agency that requires it lets its officers' submitted answers go on to Home Affairs."""
    return (
        answer.agency is not None
        and answer.agency.requires_head_approval
        and answer.state == AnswerState.SUBMITTED
        and answer.head_approved_at is None
        and is_agency_head(user, answer.agency)
    )


def can_review_answer(user, answer: Answer) -> bool:
    """Home Affairs approves or returns a submitted answer once the agency (head) has let it go."""
    if not can_manage_answering(user, answer.petition.conference):
        return False
    waits_for_head = bool(answer.agency and answer.agency.requires_head_approval and answer.head_approved_at is None)
    return answer.state == AnswerState.SUBMITTED and not waits_for_head


def can_reopen_answer(user, answer: Answer) -> bool:
    """Approved answers are frozen; only Home Affairs reopens them (also after publication)."""
    return answer.state in (AnswerState.APPROVED, AnswerState.PUBLISHED) and can_manage_answering(
        user, answer.petition.conference
    )


def can_view_answering_dashboard(user, conference: Conference) -> bool:
    role = role_of(user)
    return role in (Role.ADMIN, Role.HOME_AFFAIRS, Role.LEADER) and can_view_conference(user, conference)


def answering_conferences_for(user) -> QuerySet[Conference]:
    """Conferences whose board/review queue/dashboard a user may open."""
    role = role_of(user)
    if role not in (Role.ADMIN, Role.HOME_AFFAIRS, Role.LEADER):
        return Conference.objects.none()
    return conferences_visible_to(user)


def sites_visible_to(user, conference: Conference) -> QuerySet[BridgePoint]:
    """Bridge points offered as list filters: the same unit rule as petitions_visible_to."""
    sites = conference.bridge_points.select_related("unit").order_by("position", "name")
    role = role_of(user)
    if role in (Role.ADMIN, Role.AGENCY_OFFICER):
        return sites
    if role not in (Role.HOME_AFFAIRS, Role.LEADER, Role.YOUTH_UNION):
        return sites.none()
    unit = membership_of(user).agency.unit
    if conference.organising_unit.path.startswith(unit.path):
        return sites
    return sites.filter(unit__path__startswith=unit.path)


def capabilities(user) -> dict[str, bool]:
    """What this app lets the user do, for menus and buttons (dialogue_portal.context_processors); no queries."""
    return {**live_capabilities(user)}
