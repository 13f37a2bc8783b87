"""Who may see and do what with conferences. Views and list querysets both go through these functions.

A rule may carry its reason (`@explained(reason)`): when a getter refuses with that rule, the 403 page says why
(`denied(may, user, obj)` builds the PermissionDenied with the reason's words).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    BridgePoint,
    Conference,
    IssueGroup,
    Membership,
    Notification,
    Role,
)


def membership_of(user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role_of(user) -> str | None:
    if getattr(user, "is_superuser", False):
        return Role.ADMIN
    membership = membership_of(user)
    return membership.role if membership else None


def has_role(user, *roles: str) -> bool:
    return role_of(user) in roles


def is_home_affairs(user) -> bool:
    return has_role(user, Role.HOME_AFFAIRS, Role.ADMIN)


def explained(reason):
    """Give a permission function `(user, obj) -> bool` its reason `(user, obj) -> str`, the words of its 403."""

    def attach(rule):
        rule.reason = reason
        return rule

    return attach


def denied(may, user, obj) -> PermissionDenied:
    """The refusal of rule `may` for this user and object, carrying the rule's reason when it has one."""
    reason = getattr(may, "reason", None)
    return PermissionDenied(reason(user, obj) if reason is not None else "")


def retired_unit_reason(user, day) -> str | None:
    """Why the user's own unit or agency takes no part in what happens on `day`: it was abolished or merged in the
    2025 reform (its accounts wait to be moved to the successor), or None."""
    membership = membership_of(user)
    if membership is None:
        return None
    agency, unit = membership.agency, membership.agency.unit
    if not unit.is_valid_on(day) and unit.valid_to and unit.valid_to < day:
        return _(
            "%(unit)s không còn là đơn vị hành chính từ sau ngày %(end)s (sắp xếp đơn vị hành chính năm 2025), nên "
            "không có điểm cầu trong hội nghị này. Đề nghị Sở/Phòng Nội vụ chuyển tài khoản sang đơn vị kế thừa."
        ) % {"unit": unit.full_name, "end": unit.valid_to.strftime("%d/%m/%Y")}
    if agency.valid_to and agency.valid_to < day:
        return _(
            "%(agency)s đã ngừng hoạt động từ sau ngày %(end)s. Đề nghị Sở/Phòng Nội vụ chuyển tài khoản sang "
            "đơn vị kế thừa."
        ) % {"agency": agency.name, "end": agency.valid_to.strftime("%d/%m/%Y")}
    return None


def conferences_visible_to(user) -> QuerySet[Conference]:
    """Staff see the conferences of their own area: their unit and everything organised beneath it.

    Agency officers and Youth Union staff of a commune also see the conference their unit's sites belong to,
    so the rule is: organised within my unit, or organised by a unit that contains mine.
    """
    role = role_of(user)
    if role is None:
        return Conference.objects.none()
    if role == Role.ADMIN:
        return Conference.objects.all()
    unit = membership_of(user).agency.unit
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    return Conference.objects.filter(
        Q(organising_unit__path__startswith=unit.path) | Q(organising_unit_id__in=ancestors)
    )


def can_view_conference(user, conference: Conference) -> bool:
    return conferences_visible_to(user).filter(pk=conference.pk).exists()


def _why_not_manage(user, conference: Conference) -> str:
    return _("Chỉ Sở/Phòng Nội vụ của %(unit)s (đơn vị tổ chức) được thiết lập hội nghị này.") % {
        "unit": conference.organising_unit.full_name
    }


@explained(_why_not_manage)
def can_manage_conference(user, conference: Conference) -> bool:
    """Home Affairs of the organising unit (or above it) sets a conference up; admins may too."""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    if role != Role.HOME_AFFAIRS:
        return False
    return conference.organising_unit.path.startswith(membership_of(user).agency.unit.path)


def can_create_conference(user) -> bool:
    """Home Affairs (Sở/Phòng Nội vụ) sets conferences up for its own unit or the units beneath it."""
    return has_role(user, Role.HOME_AFFAIRS, Role.ADMIN)


def units_for_new_conference(user) -> QuerySet[AdministrativeUnit]:
    """The units a user may organise a conference for: their own and everything inside it (both eras)."""
    role = role_of(user)
    units = AdministrativeUnit.objects.select_related("parent").order_by("path")
    if role == Role.ADMIN:
        return units
    if role != Role.HOME_AFFAIRS:
        return units.none()
    return units.within(membership_of(user).agency.unit)


def can_move_accounts(user) -> bool:
    """Home Affairs moves the accounts of abolished units' agencies to their successors (in its own area): the people
    who set conferences up, so templates show the page's link with `can.create_conference`."""
    return can_create_conference(user)


def account_move_area(user) -> AdministrativeUnit | None:
    """The area whose accounts a user may move: their own unit (None: everywhere, for administrators)."""
    return None if role_of(user) == Role.ADMIN else membership_of(user).agency.unit


def organisers_for(user) -> QuerySet[Agency]:
    """People's Committees a conference can be issued by: those of the user's units."""
    agencies = Agency.objects.filter(kind=AgencyKind.PEOPLES_COMMITTEE).select_related("unit").order_by("name")
    role = role_of(user)
    if role == Role.ADMIN:
        return agencies
    if role != Role.HOME_AFFAIRS:
        return agencies.none()
    return agencies.filter(unit__path__startswith=membership_of(user).agency.unit.path)


def conference_for(user, slug: str, *, may=None) -> Conference:
    """The one getter for a conference: 404 outside the user's area, 403 when `may(user, conference)` says no.

    `may` is a permission function of any app (`can_manage_conference`, `can_log_petitions`, ...); views call this
    first and never fetch a conference another way."""
    conference = conferences_visible_to(user).select_related("organising_unit", "organiser").filter(slug=slug).first()
    if conference is None:
        raise Http404
    if may is not None and not may(user, conference):
        raise denied(may, user, conference)
    return conference


def site_for(user, slug: str, pk: int, *, may=can_manage_conference) -> BridgePoint:
    """A bridge point of a conference, through the conference's getter (404 outside the area, 403 unless `may`)."""
    conference = conference_for(user, slug, may=may)
    site = conference.bridge_points.filter(pk=pk).first()
    if site is None:
        raise Http404
    site.conference = conference
    return site


def issue_group_for(user, slug: str, pk: int, *, may=can_manage_conference) -> IssueGroup:
    """An issue group of a conference, through the conference's getter (404 outside the area, 403 unless `may`)."""
    conference = conference_for(user, slug, may=may)
    group = conference.issue_groups.filter(pk=pk).first()
    if group is None:
        raise Http404
    group.conference = conference
    return group


def bridge_points_visible_to(user) -> QuerySet[BridgePoint]:
    """Bridge points of the conferences a user can see, limited like the petitions they may read: every site of a
    conference organised inside the user's unit, otherwise the sites inside it (officers and admins: all)."""
    role = role_of(user)
    sites = BridgePoint.objects.filter(conference__in=conferences_visible_to(user))
    if role in (Role.ADMIN, Role.AGENCY_OFFICER):
        return sites
    if role not in (Role.HOME_AFFAIRS, Role.LEADER, Role.YOUTH_UNION):
        return sites.none()
    unit = membership_of(user).agency.unit
    return sites.filter(
        Q(conference__organising_unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
    )


def notification_for(user, pk: int) -> Notification:
    """One of the user's own in-app notices; anyone else's is a 404."""
    notification = Notification.objects.filter(pk=pk, user=user).first() if user.is_authenticated else None
    if notification is None:
        raise Http404
    return notification


def can_choose_digest_only(user) -> bool:
    """Anyone who works for an agency chooses how they are emailed."""
    return membership_of(user) is not None


def can_manage_outbox(user) -> bool:
    """Administrators see the messages the outbox gave up on and resend them."""
    return role_of(user) == Role.ADMIN


def capabilities(user) -> dict[str, bool]:
    """What this app lets the user do, for menus and buttons (dialogue_portal.context_processors); no query beyond
    the membership."""
    return {
        "is_admin": role_of(user) == Role.ADMIN,
        "open_admin": bool(getattr(user, "is_staff", False)),
        "create_conference": can_create_conference(user),
        "choose_digest_only": can_choose_digest_only(user),
    }
