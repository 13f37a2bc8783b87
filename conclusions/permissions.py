"""Who may see and do what in the conclusions app, and the one getter per object type that every view fetches with.

A getter fetches and authorizes in one step, as healthchecks' `_get_rw_check_for_user`: an object outside the
user's scope is a 404 (not even its existence is told), a visible object the user's role may not act on is a 403.
Conferences are fetched through `conferences.permissions.conference_for` with one of the rules below as `may`.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from conferences.models import AdministrativeUnit, Conference, Role
from conferences.permissions import (
    can_manage_conference,
    conference_for,
    conferences_visible_to,
    membership_of,
    role_of,
)

from .models import (
    AGENCY_OPEN_DIRECTIVE_STATUSES,
    FINAL_NOTICE_STATES,
    ConclusionNotice,
    Directive,
    DirectiveProgress,
    NoticeAppendix,
    NoticeRenderJob,
    NoticeSection,
    NoticeState,
)

FOLLOWUP_STAFF_ROLES = (Role.AGENCY_OFFICER, Role.YOUTH_UNION)
MONITORING_ROLES = (Role.HOME_AFFAIRS, Role.LEADER, Role.ADMIN)
STATISTICS_ROLES = (Role.HOME_AFFAIRS, Role.LEADER, Role.ADMIN)
NOTICE_DRAFT_READERS = (Role.HOME_AFFAIRS, Role.LEADER)


def _own_unit(user) -> AdministrativeUnit:
    return membership_of(user).agency.unit


def _raise_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# ---------------------------------------------------------------------------------------------------------------------
# Conclusion notices: drafting, editing, issuing, correcting, downloading the notice and its appendix.
# ---------------------------------------------------------------------------------------------------------------------


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
    final = Q(state__in=FINAL_NOTICE_STATES)
    if role in NOTICE_DRAFT_READERS:
        return qs.filter(final | Q(conference__organising_unit__path__startswith=_own_unit(user).path))
    return qs.filter(final)


def can_view_notice(user, notice: ConclusionNotice) -> bool:
    return notices_visible_to(user).filter(pk=notice.pk).exists()


def can_draft_notice(user, conference: Conference) -> bool:
    """Home Affairs of the organising unit (or above) drafts, edits and issues the conclusion; admins may too."""
    return can_manage_conference(user, conference)


def can_edit_notice(user, notice: ConclusionNotice) -> bool:
    return notice.is_draft and can_manage_conference(user, notice.conference)


def can_issue_notice(user, notice: ConclusionNotice) -> bool:
    return notice.is_draft and can_manage_conference(user, notice.conference)


def can_correct_notice(user, notice: ConclusionNotice) -> bool:
    return notice.is_issued and can_manage_conference(user, notice.conference)


def can_upload_signed_notice(user, notice: ConclusionNotice) -> bool:
    """Home Affairs of the organising unit (or above) uploads the notice signed with a token; admins may too."""
    return notice.is_issued and bool(notice.pdf) and can_manage_conference(user, notice.conference)


def notice_for(user, pk: int, *, may=None) -> ConclusionNotice:
    """The one getter for a notice: 404 outside `notices_visible_to(user)`, 403 when `may(user, notice)` says no."""
    notice = (
        notices_visible_to(user)
        .select_related("conference__organising_unit", "conference__organiser", "issuing_agency")
        .filter(pk=pk)
        .first()
    )
    if notice is None:
        raise Http404
    _raise_unless(may is None or may(user, notice))
    return notice


def notice_section_for(notice: ConclusionNotice, pk: int) -> NoticeSection:
    """A section of a notice the caller already fetched with `notice_for`; 404 if it belongs to another one."""
    section = NoticeSection.objects.filter(pk=pk, notice=notice).first()
    if section is None:
        raise Http404
    section.notice = notice
    return section


def notice_task_for(notice: ConclusionNotice, pk: int) -> Directive:
    """A task of a notice the caller already fetched with `notice_for`; 404 if it belongs to another one."""
    directive = Directive.objects.select_related("section").filter(pk=pk, notice=notice).first()
    if directive is None:
        raise Http404
    directive.notice = notice
    return directive


def notice_appendix_for(notice: ConclusionNotice, pk: int) -> NoticeAppendix:
    """An appendix of a notice the caller already fetched with `notice_for`; 404 if it belongs to another one."""
    appendix = NoticeAppendix.objects.filter(pk=pk, notice=notice).first()
    if appendix is None:
        raise Http404
    appendix.notice = notice
    return appendix


def can_retry_render_job(user, notice: ConclusionNotice) -> bool:
    """Running a notice's failed or abandoned file render again: those who manage its conference."""
    return can_manage_conference(user, notice.conference)


def render_job_for(notice: ConclusionNotice, pk: int) -> NoticeRenderJob:
    """A background render of a notice the caller already fetched with `notice_for`."""
    job = NoticeRenderJob.objects.filter(pk=pk, notice=notice).first()
    if job is None:
        raise Http404
    job.notice = notice
    return job


# ---------------------------------------------------------------------------------------------------------------------
# Follow-up of the conclusion: conclusion tasks (Directive), progress reports, monitoring.
# ---------------------------------------------------------------------------------------------------------------------


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
        and directive.status in AGENCY_OPEN_DIRECTIVE_STATUSES
    )


def can_review_directive(user, directive: Directive) -> bool:
    """Home Affairs of the organising unit (or above): set the owner, accept completion or ask for more."""
    return can_manage_conference(user, directive.notice.conference)


def can_view_monitoring(user) -> bool:
    return role_of(user) in MONITORING_ROLES


def directive_for(user, pk: int, *, may=None) -> Directive:
    """The one getter for a conclusion task: 404 outside `directives_visible_to(user)`, 403 when `may` says no."""
    directive = (
        directives_visible_to(user)
        .select_related("notice__conference__organising_unit", "agency", "section")
        .filter(pk=pk)
        .first()
    )
    if directive is None:
        raise Http404
    _raise_unless(may is None or may(user, directive))
    return directive


def progress_report_for(user, pk: int) -> DirectiveProgress:
    """A progress report with an attachment, of a task the user may read."""
    report = (
        DirectiveProgress.objects.exclude(attachment="")
        .filter(pk=pk, directive__in=directives_visible_to(user))
        .first()
    )
    if report is None:
        raise Http404
    return report


# ---------------------------------------------------------------------------------------------------------------------
# Statistics and the yearly report: one rule for units. A user reads the statistics of their own unit and of every
# unit beneath it (admins: all), whether per conference, per unit across years, as XLSX or as the yearly report; a
# district does not read its province's figures even though it can see the province's conference.
# ---------------------------------------------------------------------------------------------------------------------


def can_view_statistics(user) -> bool:
    """Home Affairs, leaders and admins; each within their own unit (statistics_conferences)."""
    return role_of(user) in STATISTICS_ROLES


def can_read_unit_statistics(user, unit: AdministrativeUnit) -> bool:
    if not can_view_statistics(user):
        return False
    return role_of(user) == Role.ADMIN or unit.path.startswith(_own_unit(user).path)


def can_read_conference_statistics(user, conference: Conference) -> bool:
    return can_read_unit_statistics(user, conference.organising_unit)


def statistics_conferences(user) -> QuerySet[Conference]:
    """Conferences whose statistics the user reads: organised in their unit or beneath it."""
    if not can_view_statistics(user):
        return Conference.objects.none()
    if role_of(user) == Role.ADMIN:
        return Conference.objects.all()
    return Conference.objects.filter(organising_unit__path__startswith=_own_unit(user).path)


def statistics_units(user) -> QuerySet[AdministrativeUnit]:
    """Organising units whose statistics across years the user reads (the overview's choices)."""
    return (
        AdministrativeUnit.objects.filter(conferences__in=statistics_conferences(user))
        .distinct()
        .order_by("tier", "name")
    )


def report_units(user) -> QuerySet[AdministrativeUnit]:
    """Units the user may draw the yearly report for: their own unit (whose report folds in everything inside it)
    and the organising units of conferences inside it; admins any organising unit or province."""
    if not can_view_statistics(user):
        return AdministrativeUnit.objects.none()
    organisers = statistics_conferences(user).values("organising_unit")
    if role_of(user) == Role.ADMIN:
        return AdministrativeUnit.objects.filter(Q(pk__in=organisers) | Q(tier=1)).order_by("tier", "name")
    return AdministrativeUnit.objects.filter(Q(pk=_own_unit(user).pk) | Q(pk__in=organisers)).order_by("tier", "name")


def statistics_conference_for(user, slug: str) -> Conference:
    """A conference's statistics page and XLSX: 404 outside the user's area, 403 for another unit's figures."""
    return conference_for(user, slug, may=can_read_conference_statistics)


# ---------------------------------------------------------------------------------------------------------------------
# What templates may offer (dialogue_portal.context_processors merges it into `can`): booleans, no query beyond the
# user's membership.
# ---------------------------------------------------------------------------------------------------------------------


def capabilities(user) -> dict[str, bool]:
    role = role_of(user)
    return {
        "read_notices": role is not None,
        "draft_notices": role in (Role.HOME_AFFAIRS, Role.ADMIN),
        "follow_tasks": role is not None,
        "report_task_progress": role in FOLLOWUP_STAFF_ROLES,
        "monitor_followup": role in MONITORING_ROLES,
        "view_statistics": role in STATISTICS_ROLES,
    }
