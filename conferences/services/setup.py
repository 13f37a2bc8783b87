"""Setting a conference up: created in planning with its issue groups and sites; its plan fields edited under the
one optimistic lock (conferences.locking)."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..audit import record
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
