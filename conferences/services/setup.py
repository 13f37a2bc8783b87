"""Setting a conference up: created in planning with its issue groups and sites; its plan fields edited under the
one optimistic lock (conferences.locking)."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..audit import record
from ..errors import Refused
from ..locking import bump, locked
from ..models import AdministrativeUnit, Conference, ConferenceLevel, ConferenceStatus
from ..text import fold
from .groups import issue_groups_create_defaults
from .lifecycle import ensure_setup_editable, forward_steps, move_status
from .sites import bridge_points_generate

LEVEL_BY_TIER = {1: ConferenceLevel.PROVINCE, 2: ConferenceLevel.DISTRICT, 3: ConferenceLevel.COMMUNE}

CONFERENCE_FIELDS = (
    "organising_unit",
    "organiser",
    "level",
    "year",
    "title",
    "theme",
    "chair_name",
    "chair_title",
    "form",
    "planned_date",
    "held_on",
    "plan_number",
    "plan_date",
    "plan_published_on",
    "site_intake_deadline",
    "union_intake_deadline",
    "participants",
    "provincial_attendees",
)


def _check_fields(values: dict) -> None:
    unknown = set(values) - set(CONFERENCE_FIELDS)
    if unknown:
        raise ValueError(f"unknown conference fields: {sorted(unknown)}")


def organising_unit_problem(unit: AdministrativeUnit, day) -> str | None:
    """A conference is organised by a unit that exists on its date: after the 2025 reform an abolished district or
    commune holds no new dialogue (its successors do); a past one stays history that may still be recorded."""
    if unit is None or day is None or unit.is_valid_on(day):
        return None
    if unit.valid_to and unit.valid_to < day:
        successors = ", ".join(s.full_name for s in unit.successors.order_by("name")[:5])
        text = _(
            "%(unit)s không còn là đơn vị hành chính vào ngày %(day)s (hiệu lực đến %(end)s); hội nghị từ ngày đó "
            "do đơn vị mới tổ chức."
        ) % {"unit": unit.full_name, "day": day.strftime("%d/%m/%Y"), "end": unit.valid_to.strftime("%d/%m/%Y")}
        if successors:
            text += " " + _("Đơn vị kế thừa: %(names)s.") % {"names": successors}
        return text
    return _("%(unit)s chỉ có hiệu lực từ ngày %(start)s, sau ngày %(day)s.") % {
        "unit": unit.full_name,
        "start": unit.valid_from.strftime("%d/%m/%Y"),
        "day": day.strftime("%d/%m/%Y"),
    }


def _check_organising_unit(values: dict, conference: Conference | None = None) -> None:
    unit = values.get("organising_unit", conference.organising_unit if conference else None)
    day = values.get("held_on") or values.get("planned_date")
    if day is None and conference is not None:
        day = conference.dialogue_date
    problem = organising_unit_problem(unit, day)
    if problem:
        raise Refused(problem)


def conference_slug(unit: AdministrativeUnit, year: int) -> str:
    """The slug a new conference of `unit` in `year` gets: 'lang-son-2024', then 'lang-son-2024-2', ..."""
    base = slugify(fold(f"{unit.name} {year}"))[:70] or f"hoi-nghi-{year}"
    slug, n = base, 1
    while Conference.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _changes(conference: Conference, values: dict) -> dict:
    return {
        field: [str(getattr(conference, field) or ""), str(value or "")]
        for field, value in values.items()
        if getattr(conference, field) != value
    }


@transaction.atomic
def conference_create(
    *,
    actor,
    values: dict,
    generate_sites: bool = True,
    issue_groups: list[str] | None = None,
    status: str = ConferenceStatus.PLANNING,
) -> Conference:
    """Create a conference in planning with the default issue groups (or `issue_groups`) and, if asked, its bridge
    points. `status`: a conference recorded later in its life (a past one) is then moved forward to it, each move
    checked and audited as a status change is; it stays at version 1, nobody can have edited it in between."""
    _check_fields(values)
    _check_organising_unit(values)
    conference = Conference(**values, status=ConferenceStatus.PLANNING)
    conference.slug = conference_slug(conference.organising_unit, conference.year)
    conference.save()
    record(
        actor=actor,
        action="conference.create",
        target=conference,
        conference=conference,
        message=_("Tạo hội nghị “%(title)s”") % {"title": conference.title},
    )
    issue_groups_create_defaults(conference=conference, names=issue_groups, actor=actor)
    if generate_sites:
        bridge_points_generate(conference=conference, actor=actor)
    steps = forward_steps(conference.status, status)
    for step in steps:
        move_status(conference, step, actor=actor)
    if steps:
        conference.save()
    return conference


@transaction.atomic
def conference_update(*, conference: Conference, actor, values: dict, version: int) -> Conference:
    """Save edited set-up fields; `Conflict` if someone else saved the conference since `version` was read."""
    _check_fields(values)
    current = locked(
        Conference.objects.all(),
        pk=conference.pk,
        version=version,
        message=_("Hội nghị vừa được người khác cập nhật. Hãy mở lại trang để xem thay đổi rồi sửa tiếp."),
    )
    ensure_setup_editable(current)
    if {"organising_unit", "planned_date", "held_on"} & {f for f in values if values[f] != getattr(current, f)}:
        _check_organising_unit(values, current)
    changes = _changes(current, values)
    for field, value in values.items():
        setattr(current, field, value)
    bump(current)
    current.save()
    if changes:
        record(
            actor=actor,
            action="conference.update",
            target=current,
            conference=current,
            message=_("Sửa thông tin hội nghị"),
            changes=changes,
        )
    return current
