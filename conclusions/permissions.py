"""Who may see and do what in the conclusions app. Views and list querysets both go through these functions."""

from django.db.models import Q, QuerySet

from conferences.models import Role
from conferences.permissions import can_manage_conference, conferences_visible_to, membership_of, role_of

from .models import ConclusionNotice, Directive, DirectiveStatus, NoticeState

# ---------------------------------------------------------------------------------------------------------------------
# Follow-up of the conclusion (issue 6): conclusion tasks (Directive), progress reports, monitoring, notifications.
# ---------------------------------------------------------------------------------------------------------------------

FOLLOWUP_STAFF_ROLES = (Role.AGENCY_OFFICER, Role.YOUTH_UNION)
MONITORING_ROLES = (Role.HOME_AFFAIRS, Role.LEADER, Role.ADMIN)


def directives_visible_to(user) -> QuerySet[Directive]:
    """Tasks of issued notices a user may read.

    - Admins: all. Home Affairs and leaders: the tasks of every conference they can see.
    - Agency officers and Youth Union staff: the tasks their own agency owns.
    Draft and superseded notices are the notice editors' business, not follow-up.
    """
    role = role_of(user)
    qs = Directive.objects.filter(notice__state=NoticeState.ISSUED)
    if role == Role.ADMIN:
        return qs
    if role in (Role.HOME_AFFAIRS, Role.LEADER):
        return qs.filter(notice__conference__in=conferences_visible_to(user))
    if role in FOLLOWUP_STAFF_ROLES:
        return qs.filter(agency_id=membership_of(user).agency_id)
    return qs.none()


def can_report_progress(user, directive: Directive) -> bool:
    """Staff of the owner agency, while the task is open (not waiting for review, done or cancelled)."""
    membership = membership_of(user)
    return (
        membership is not None
        and membership.role in FOLLOWUP_STAFF_ROLES
        and directive.agency_id == membership.agency_id
        and directive.status in (DirectiveStatus.OPEN, DirectiveStatus.IN_PROGRESS)
    )


def can_review_directive(user, directive: Directive) -> bool:
    """Home Affairs of the organising unit (or above): set the owner, accept completion or ask for more."""
    return can_manage_conference(user, directive.notice.conference)


def can_view_monitoring(user) -> bool:
    return role_of(user) in MONITORING_ROLES


# ---------------------------------------------------------------------------------------------------------------------
# Conclusion notices (issue 5): drafting, editing, issuing, correcting, downloading the notice and its appendix.
# ---------------------------------------------------------------------------------------------------------------------

NOTICE_DRAFT_READERS = (Role.HOME_AFFAIRS, Role.LEADER)


def notices_visible_to(user) -> QuerySet[ConclusionNotice]:
    """Notices a signed-in user may read.

    - Admins: all.
    - Home Affairs and leaders: drafts of conferences organised in their unit or beneath it (they write and sign
      them), and the issued and superseded notices of every conference they can see.
    - Youth Union staff and agency officers: issued and superseded notices of the conferences they can see.
    """
    role = role_of(user)
    if role is None:
        return ConclusionNotice.objects.none()
    if role == Role.ADMIN:
        return ConclusionNotice.objects.all()
    qs = ConclusionNotice.objects.filter(conference__in=conferences_visible_to(user))
    final = Q(state__in=[NoticeState.ISSUED, NoticeState.SUPERSEDED])
    if role in NOTICE_DRAFT_READERS:
        unit_path = membership_of(user).agency.unit.path
        return qs.filter(final | Q(conference__organising_unit__path__startswith=unit_path))
    return qs.filter(final)


def can_view_notice(user, notice: ConclusionNotice) -> bool:
    return notices_visible_to(user).filter(pk=notice.pk).exists()


def can_draft_notice(user, conference) -> bool:
    """Home Affairs of the organising unit (or above) drafts, edits and issues the conclusion; admins may too."""
    return can_manage_conference(user, conference)


def can_edit_notice(user, notice: ConclusionNotice) -> bool:
    return notice.is_draft and can_manage_conference(user, notice.conference)


def can_issue_notice(user, notice: ConclusionNotice) -> bool:
    return notice.is_draft and can_manage_conference(user, notice.conference)


def can_correct_notice(user, notice: ConclusionNotice) -> bool:
    return notice.state == NoticeState.ISSUED and can_manage_conference(user, notice.conference)


def capabilities(user) -> dict[str, bool]:
    """What this app lets the user do, for menus and buttons (dialogue_portal.context_processors); no queries."""
    return {}
