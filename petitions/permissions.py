"""Who may see and do what with petitions, assignments and answers. Views and list querysets use these."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from conferences.models import Conference, Role
from conferences.permissions import conferences_visible_to, membership_of, role_of

from .models import Assignment, AssignmentStatus, Petition


def petitions_visible_to(user, conference: Conference | None = None) -> QuerySet[Petition]:
    """The petitions a user may read.

    - Home Affairs, leaders and admins: every petition of the conferences they can see.
    - Youth Union staff: petitions of bridge points inside their own unit (a district union sees its district's
      and its communes' sites; the provincial union sees the whole province's conference).
    - Agency officers: only petitions assigned to their agency (lead or coordinating).
    """
    role = role_of(user)
    qs = Petition.objects.all()
    if conference is not None:
        qs = qs.filter(conference=conference)
    if role in (Role.ADMIN,):
        return qs
    if role in (Role.HOME_AFFAIRS, Role.LEADER):
        return qs.filter(conference__in=conferences_visible_to(user))
    if role == Role.YOUTH_UNION:
        unit = membership_of(user).agency.unit
        return qs.filter(conference__in=conferences_visible_to(user), bridge_point__unit__path__startswith=unit.path)
    if role == Role.AGENCY_OFFICER:
        agency = membership_of(user).agency
        mine = (
            Assignment.objects.filter(petition=OuterRef("pk"))
            .exclude(status=AssignmentStatus.WITHDRAWN)
            .filter(Q(lead_agency=agency) | Q(coordinating_agencies=agency))
        )
        return qs.filter(Exists(mine))
    return qs.none()
