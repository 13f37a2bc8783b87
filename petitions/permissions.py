"""Who may see and do what with petitions, assignments and answers. Views and list querysets use these.

- Scopes: `petitions_visible_to`, `assignments_visible_to`, `answers_visible_to`, `sites_visible_to`.
- Getters, one per object type, live beside these rules in petitions/getters.py.
- Rules: `can_*` functions of a user and an object; `capabilities(user)` gives templates cheap booleans (`can.*`).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from conferences.models import BridgePoint, Conference, ConferenceStatus, IntakeSubmission, Role
from conferences.permissions import (
    bridge_points_visible_to,
    can_manage_conference,
    can_view_conference,
    conferences_visible_to,
    explained,
    membership_of,
    retired_unit_reason,
    role_of,
)
from conferences.services import sites_map_day

from .live.capabilities import capabilities as live_capabilities
from .models import (
    Answer,
    Assignment,
    AssignmentStatus,
    Petition,
    PetitionStatus,
)

# Roles by what they do with petitions; the rules below and `capabilities` read these, never their own lists.
UNIT_READERS = (Role.HOME_AFFAIRS, Role.LEADER, Role.YOUTH_UNION)  # read the petitions of their unit
CONTACT_READERS = (Role.HOME_AFFAIRS, Role.ADMIN, Role.YOUTH_UNION)
ANSWERING_OVERSEERS = (Role.ADMIN, Role.HOME_AFFAIRS, Role.LEADER)  # the board and the dashboard


def _in_unit_scope(user, through: str = "") -> Q:
    """Petitions (or rows whose petition, `through` "petition__") a unit reader may see: in a conference they can
    see, and either organised inside their unit (the whole conference) or at one of its sites inside their unit.

    Two small subqueries (the conferences, the sites) rather than joins from every petition to its conference's unit
    and its site's unit: the database tests each petition against two short hashed lists, and the plan stays small
    when the rule is nested (answers and assignments of the petitions a user may see)."""
    unit = membership_of(user).agency.unit
    visible = conferences_visible_to(user)
    whole = visible.filter(organising_unit__path__startswith=unit.path).values("pk")
    sites = BridgePoint.objects.filter(conference__in=visible, unit__path__startswith=unit.path).values("pk")
    return Q(**{f"{through}conference__in": visible.values("pk")}) & (
        Q(**{f"{through}conference__in": whole}) | Q(**{f"{through}bridge_point__in": sites})
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
    if role in UNIT_READERS:
        return qs.filter(_in_unit_scope(user))
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


def why_cannot_log(user, conference: Conference) -> str:
    """The reason behind can_log_petitions' no, in the words the 403 page and the dashboard show."""
    role = role_of(user)
    if role not in (Role.ADMIN, Role.HOME_AFFAIRS, Role.YOUTH_UNION):
        return _("Chỉ cán bộ Đoàn và Sở/Phòng Nội vụ ghi kiến nghị.")
    allowed = INTAKE_STATUSES_YOUTH_UNION if role == Role.YOUTH_UNION else INTAKE_STATUSES_HOME_AFFAIRS
    if conference.status not in allowed:
        return _("Hội nghị đang ở bước “%(status)s”, không nhận thêm kiến nghị.") % {
            "status": conference.get_status_display()
        }
    if role == Role.HOME_AFFAIRS:
        return _("Chỉ Sở/Phòng Nội vụ của đơn vị tổ chức ghi kiến nghị vào hội nghị này.")
    retired = retired_unit_reason(user, sites_map_day(conference))
    return retired or _("Bạn không thuộc điểm cầu nào của hội nghị này.")


@explained(why_cannot_log)
def can_log_petitions(user, conference: Conference) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return conference.status in INTAKE_STATUSES_HOME_AFFAIRS
    if role == Role.HOME_AFFAIRS:
        return conference.status in INTAKE_STATUSES_HOME_AFFAIRS and can_manage_conference(user, conference)
    if role == Role.YOUTH_UNION:
        return conference.status in INTAKE_STATUSES_YOUTH_UNION and intake_sites_for(user, conference).exists()
    return False


def _why_cannot_edit(user, petition: Petition) -> str:
    if petition.status == PetitionStatus.MERGED:
        return _("Kiến nghị đã được gộp vào kiến nghị khác; hãy sửa kiến nghị được giữ lại.")
    if role_of(user) == Role.YOUTH_UNION:
        return _("Kiến nghị đã chuyển Nội vụ hoặc hội nghị đã hết hạn tiếp nhận; Đoàn không sửa được nữa.")
    return _("Chỉ Sở/Phòng Nội vụ của đơn vị tổ chức sửa kiến nghị, đến khi hội nghị được tổ chức.")


@explained(_why_cannot_edit)
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


@explained(why_cannot_log)
def can_submit_intake(user, conference: Conference) -> bool:
    """A Youth Union hands its compiled list on while collecting (a late hand-over is allowed, and shown late)."""
    return (
        role_of(user) == Role.YOUTH_UNION
        and conference.status in (ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING)
        and intake_sites_for(user, conference).exists()
    )


def intake_submissions_visible_to(user, conference: Conference) -> QuerySet[IntakeSubmission]:
    """Hand-overs of a conference: a Youth Union sees its own; the organiser's Home Affairs and admins see all."""
    submissions = IntakeSubmission.objects.filter(conference=conference)
    role = role_of(user)
    if role == Role.YOUTH_UNION:
        return submissions.filter(agency=membership_of(user).agency)
    if role == Role.ADMIN or can_manage_conference(user, conference):
        return submissions
    return submissions.none()


def can_view_petition_list(user, conference: Conference) -> bool:
    return role_of(user) is not None and can_view_conference(user, conference)


def can_view_contact(user, petition: Petition) -> bool:
    """The submitter's contact is private: Home Affairs, admins and the Youth Union that logged it."""
    return role_of(user) in CONTACT_READERS


# --- Answering journey: assignments, answers, review and the Home Affairs dashboard ---


def _why_not_answering(user, obj) -> str:
    return _("Giao, duyệt và công bố trả lời là việc của Sở/Phòng Nội vụ của đơn vị tổ chức hội nghị.")


@explained(_why_not_answering)
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
    if role in (Role.HOME_AFFAIRS, Role.LEADER):  # unit readers: the rule of petitions_visible_to
        return Assignment.objects.filter(_in_unit_scope(user, "petition__"))
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
    if role in (Role.HOME_AFFAIRS, Role.LEADER):  # unit readers: the rule of petitions_visible_to
        return Answer.objects.filter(_in_unit_scope(user, "petition__"))
    agency = _officer_agency(user)
    if agency is not None:
        # Their agency's answers only where they may read the petition too (an answer given on the spot names the
        # agency without assigning it the petition): the answer page shows the petition's text.
        return Answer.objects.filter(
            Q(assignment__in=assignments_visible_to(user)) | Q(agency=agency, petition__in=petitions_visible_to(user))
        )
    return Answer.objects.none()


def can_use_inbox(user) -> bool:
    return _officer_agency(user) is not None


def is_lead_officer(user, assignment: Assignment) -> bool:
    agency = _officer_agency(user)
    return agency is not None and assignment.lead_agency_id == agency.pk


def _why_cannot_write(user, assignment: Assignment) -> str:
    if not is_lead_officer(user, assignment):
        return _("Chỉ cán bộ của cơ quan chủ trì viết trả lời; cơ quan phối hợp xem được nội dung.")
    return _("Trả lời đã gửi hoặc phân công đã đóng; chỉ sửa được khi Nội vụ trả lại.")


@explained(_why_cannot_write)
def can_write_answer(user, assignment: Assignment) -> bool:
    """Officers of the lead agency write while the assignment is active and the answer is theirs to edit."""
    if assignment.status != AssignmentStatus.ACTIVE or not is_lead_officer(user, assignment):
        return False
    answer = getattr(assignment, "answer", None)
    return answer is None or answer.is_editable


@explained(_why_cannot_write)
def can_decline_assignment(user, assignment: Assignment) -> bool:
    return can_write_answer(user, assignment)


def is_agency_head(user, agency) -> bool:
    membership = membership_of(user)
    if membership is None or membership.role != Role.AGENCY_OFFICER:
        return False
    return membership.is_head and membership.agency_id == agency.pk


def can_head_review(user, answer: Answer) -> bool:
    """The head of an agency that requires it lets its officers' submitted answers go on to Home Affairs."""
    return answer.waits_for_head and is_agency_head(user, answer.agency)


def can_review_answer(user, answer: Answer) -> bool:
    """Home Affairs approves or returns a submitted answer once the agency (head) has let it go."""
    return answer.awaits_review and can_manage_answering(user, answer.petition.conference)


def can_reopen_answer(user, answer: Answer) -> bool:
    """Approved answers are frozen; only Home Affairs reopens them (also after publication)."""
    return answer.is_approved and can_manage_answering(user, answer.petition.conference)


def can_view_answering_dashboard(user, conference: Conference) -> bool:
    return role_of(user) in ANSWERING_OVERSEERS and can_view_conference(user, conference)


def answering_conferences_for(user) -> QuerySet[Conference]:
    """Conferences whose board/review queue/dashboard a user may open."""
    if role_of(user) not in ANSWERING_OVERSEERS:
        return Conference.objects.none()
    return conferences_visible_to(user)


def sites_visible_to(user, conference: Conference) -> QuerySet[BridgePoint]:
    """Bridge points offered as list filters: the same unit rule as petitions_visible_to."""
    return (
        bridge_points_visible_to(user).filter(conference=conference).select_related("unit").order_by("position", "name")
    )


@explained(_why_not_answering)
def can_assign_petition(user, petition: Petition) -> bool:
    """Assign it, or record the answer given to it on the spot: the organiser's Home Affairs."""
    return can_manage_answering(user, petition.conference)


@explained(_why_not_answering)
def can_manage_assignment(user, assignment: Assignment) -> bool:
    return can_manage_answering(user, assignment.petition.conference)


def can_merge_petition(user, petition: Petition) -> bool:
    return can_merge_petitions(user, petition.conference)


def must_choose_site(user) -> bool:
    """Youth Union staff log every petition at one of their bridge points; Home Affairs may leave it open."""
    return role_of(user) == Role.YOUTH_UNION


def hands_over_intake(user) -> bool:
    """Youth Unions hand their compiled lists on (and see their own hand-overs)."""
    return role_of(user) == Role.YOUTH_UNION


def capabilities(user) -> dict[str, bool]:
    """What this app lets the user do, for menus and buttons (dialogue_portal.context_processors); no queries
    beyond the membership. Per-object rules (may this user edit this petition) stay with the views."""
    role = role_of(user)
    return {
        "view_petitions": role == Role.ADMIN or role in UNIT_READERS,
        "log_petitions": role in (Role.ADMIN, Role.HOME_AFFAIRS, Role.YOUTH_UNION),
        "hand_over_intake": hands_over_intake(user),
        "view_petition_contact": role in CONTACT_READERS,
        "use_inbox": can_use_inbox(user),
        "manage_answering": role in (Role.ADMIN, Role.HOME_AFFAIRS),
        "view_answering_dashboard": role in ANSWERING_OVERSEERS,
        **live_capabilities(user),
    }
