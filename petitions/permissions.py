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

from .models import Assignment, AssignmentStatus, Petition, PetitionStatus


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
