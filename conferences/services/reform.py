"""After the 2025 reform: the accounts of abolished units' agencies move to their successors, Home Affairs deciding.

`account_moves_proposed` reads: every agency that no longer exists on `day` (its own validity ended, or its unit's)
and still has members, with the agencies its people may move to, from the data: first the agency's own successor
(`Agency.successor`, e.g. Labour's functions into Home Affairs), then agencies of the same kind on the successor
units (`AdministrativeUnit.successors`: old commune -> new commune), then on the successors of the units inside it
(an abolished district -> the new communes covering it) and on the units above it (the province). One candidate from
the first two sources is proposed; otherwise Home Affairs chooses.

`memberships_move` writes: a dry run says what would change and changes nothing; the real run moves each membership
and audits it (who, from where, to where). Both refuse a target outside the mover's area or no longer valid.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ..audit import record
from ..errors import Refused
from ..models import AdministrativeUnit, Agency, Membership


@dataclass
class AccountMove:
    agency: Agency
    members: list[Membership]
    candidates: list[Agency] = field(default_factory=list)
    proposed: Agency | None = None
    basis: str = ""  # why the proposal (successor agency / successor unit), shown beside it


@dataclass(frozen=True)
class Moved:
    membership: Membership
    source: Agency
    target: Agency


def _in_area(queryset: QuerySet, within: AdministrativeUnit | None, prefix: str = "unit__") -> QuerySet:
    return queryset if within is None else queryset.filter(**{f"{prefix}path__startswith": within.path})


def retired_agencies(*, day: date, within: AdministrativeUnit | None) -> QuerySet[Agency]:
    """Agencies that no longer exist on `day` (their validity or their unit's ended) and still have members."""
    ended = Q(valid_to__lt=day) | Q(unit__valid_to__lt=day)
    agencies = Agency.objects.filter(ended, members__isnull=False).distinct()
    return _in_area(agencies, within).select_related("unit__parent", "successor__unit").order_by("unit__path", "name")


def _candidates(agency: Agency, *, day: date, within) -> tuple[list[Agency], Agency | None, str]:
    """(agencies its people may move to, the proposed one, why) — see the module's docstring."""
    live = _in_area(Agency.objects.active_on(day), within).filter(
        Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=day)
    )
    successor = live.filter(pk=agency.successor_id).first() if agency.successor_id else None
    unit = agency.unit
    direct = list(live.filter(kind=agency.kind, unit__in=unit.successors.all()).select_related("unit"))
    below = AdministrativeUnit.objects.filter(predecessors__path__startswith=unit.path).distinct()
    above = [int(pk) for pk in unit.path.strip("/").split("/")[:-1] if pk]
    wider = live.filter(kind=agency.kind).filter(Q(unit__in=below) | Q(unit_id__in=above)).select_related("unit")
    wider = wider.distinct()
    candidates = list(dict.fromkeys([*([successor] if successor else []), *direct, *wider]))
    candidates.sort(key=lambda a: (a.unit.tier, a.unit.name, a.name))
    if successor:
        return candidates, successor, _("cơ quan kế thừa")
    if len(direct) == 1:
        return candidates, direct[0], _("đơn vị hành chính kế thừa")
    return candidates, None, ""


def account_moves_proposed(*, day: date, within: AdministrativeUnit | None) -> list[AccountMove]:
    moves = []
    for agency in retired_agencies(day=day, within=within):
        members = list(agency.members.select_related("user").order_by("user__last_name", "user__first_name"))
        candidates, proposed, basis = _candidates(agency, day=day, within=within)
        moves.append(AccountMove(agency, members, candidates, proposed, basis))
    return moves


def memberships_move(
    *, choices: dict[int, int], day: date, within: AdministrativeUnit | None, actor, dry_run: bool
) -> list[Moved]:
    """Move the members of each retired agency (key) to the chosen agency (value); a dry run writes nothing."""
    proposals = {move.agency.pk: move for move in account_moves_proposed(day=day, within=within)}
    planned: list[Moved] = []
    for source_pk, target_pk in choices.items():
        move = proposals.get(source_pk)
        if move is None:
            raise Refused(_("Cơ quan này không có tài khoản cần chuyển, hoặc không thuộc phạm vi của bạn."))
        target = next((a for a in move.candidates if a.pk == target_pk), None)
        if target is None:
            raise Refused(
                _("Không chuyển được tài khoản của %(agency)s sang cơ quan đã chọn: cơ quan đó không kế thừa nó.")
                % {"agency": move.agency.name}
            )
        planned += [Moved(membership, move.agency, target) for membership in move.members]
    if dry_run or not planned:
        return planned
    with transaction.atomic():
        for item in planned:
            Membership.objects.filter(pk=item.membership.pk, agency=item.source).update(agency=item.target)
            record(
                actor=actor,
                action="membership.move",
                target=item.membership,
                message=_("Chuyển tài khoản %(user)s từ %(source)s sang %(target)s (sắp xếp đơn vị hành chính)")
                % {"user": item.membership.user.get_username(), "source": item.source.name, "target": item.target.name},
                source=item.source.pk,
                target_agency=item.target.pk,
            )
    return planned
