"""Petitions imported from an Excel list: checked (a preview), corrected, confirmed or cancelled.

The upload and its reading in the background live in reading.py; the rows read are kept on the batch, so a
re-check or the confirmation checks them again without reading the file. Nothing is imported until the user confirms
the preview; then every good row is imported in one transaction, or nothing. Refusals are
`conferences.errors.Refused` (an unreadable file included).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused
from conferences.models import Conference
from conferences.permissions import membership_of

from ... import importing
from ...models import ImportBatch, ImportBatchStatus, Petition, PetitionStatus
from ...permissions import can_log_petitions, intake_sites_for, petitions_visible_to
from . import numbering


def import_context(conference: Conference, actor) -> importing.Context:
    """What rows are checked against. A user's import sees only their sites and the petitions they can see."""
    sites = list(conference.bridge_points.select_related("unit", "unit__parent").order_by("position", "name"))
    scope = set(intake_sites_for(actor, conference).values_list("pk", flat=True))
    visible = petitions_visible_to(actor, conference)
    membership = membership_of(actor)
    unit_id = membership.agency.unit_id if membership else None
    default_site = next((s.pk for s in sites if unit_id and s.unit_id == unit_id and s.pk in scope), None)
    existing = list(visible.not_merged().order_by("number").values_list("pk", "number", "content", "search_text"))
    return importing.Context(
        conference=conference,
        sites=sites,
        scope_site_ids=scope,
        groups=list(conference.issue_groups.order_by("position", "name")),
        existing=existing,
        default_site_id=default_site,
    )


def import_check(*, conference: Conference, fileobj, size: int, actor) -> importing.Report:
    """Read and check a list without keeping anything (the command's --dry-run)."""
    sheet = importing.read_sheet(fileobj, size=size)
    return importing.check_rows(sheet, import_context(conference, actor))


def _check_batch(batch: ImportBatch, actor, corrections: dict) -> importing.Report:
    """The rows read when the file was uploaded, checked again (the file is never read twice)."""
    if batch.sheet:
        sheet = importing.Sheet.from_json(batch.sheet)
    else:  # a preview made before the rows were kept on the batch
        with batch.file.open("rb") as handle:
            sheet = importing.read_sheet(handle, size=batch.file.size)
    return importing.check_rows(sheet, import_context(batch.conference, actor), corrections)


def check_state(conference: Conference, actor) -> list:
    """What the checks of a preview depend on. Taken before checking, compared again under the lock at confirm:
    unchanged means the preview still holds and its rows are written as they are (no second full check)."""
    petitions = Petition.objects.filter(conference=conference).aggregate(
        n=Count("id"), open=Count("id", filter=~Q(status=PetitionStatus.MERGED)), last=Max("id"), at=Max("updated_at")
    )
    sites = conference.bridge_points.aggregate(n=Count("id"), last=Max("id"))
    groups = conference.issue_groups.aggregate(n=Count("id"), last=Max("id"))
    membership = membership_of(actor)
    return [
        petitions["n"],
        petitions["open"],
        petitions["last"],
        petitions["at"].isoformat() if petitions["at"] else None,
        sites["n"],
        sites["last"],
        groups["n"],
        groups["last"],
        membership.agency_id if membership else None,
        membership.role if membership else None,
    ]


def _ensure_preview(batch: ImportBatch) -> None:
    if batch.status == ImportBatchStatus.READING:
        raise Refused(_("Tệp đang được đọc; hãy chờ bản xem trước."))
    if batch.status != ImportBatchStatus.PREVIEW:
        raise Refused(_("Lần nhập này đã kết thúc (đã nhập hoặc đã hủy)."))


@transaction.atomic
def import_recheck(*, batch: ImportBatch, actor, corrections: dict) -> ImportBatch:
    """Apply the sites and groups chosen in the preview to rows that had none, and check again."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _ensure_preview(batch)
    merged = {**batch.report.get("corrections", {}), **corrections}
    state = check_state(batch.conference, actor)
    report = _check_batch(batch, actor, merged)
    batch.report = {**report.as_json(), "corrections": merged, "state": state}
    batch.row_count = len(report.data_rows)
    batch.save(update_fields=["report", "row_count"])
    return batch


@dataclass
class ImportResult:
    imported: int
    first_number: int | None
    changed: bool = False


def _current_report(batch: ImportBatch, actor) -> dict:
    """The preview's report if nothing it depends on changed since; otherwise the rows checked again."""
    corrections = batch.report.get("corrections", {})
    state = check_state(batch.conference, actor)
    if state == batch.report.get("state"):
        return batch.report
    return {**_check_batch(batch, actor, corrections).as_json(), "corrections": corrections, "state": state}


def _petitions_from(rows: list[dict], *, batch: ImportBatch, first: int, actor) -> list[Petition]:
    petitions = []
    for offset, row in enumerate(rows):
        petition = Petition(
            conference=batch.conference,
            number=first + offset,
            content=row["content"],
            submitting_unit=row["unit"],
            bridge_point_id=row["site_id"],
            issue_group_id=row["group_id"],
            import_batch=batch,
            created_by=actor,
            status=PetitionStatus.RECEIVED,
        )
        # bulk_create skips save(): apply the same normalisation it does.
        petition.content = petition.content.strip()
        petition.search_text = petition.build_search_text(sub_questions=[])
        petitions.append(petition)
    return petitions


def import_confirm(*, batch: ImportBatch, actor, expected_good: int) -> ImportResult:
    """Import every good row in one transaction, or nothing.

    If anything the checks depend on changed since the preview (a petition logged meanwhile, a site removed), the
    rows are checked again first; if what is importable then differs from the preview the user confirmed,
    nothing is written and the new preview is shown instead."""

    def confirm() -> ImportResult:
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _ensure_preview(locked)
        conference = locked.conference
        if not can_log_petitions(actor, conference):
            raise Refused(_("Hội nghị không còn tiếp nhận kiến nghị."))
        first = numbering.next_number(conference)  # locks the conference row: numbers and checks stay consistent
        report = _current_report(locked, actor)
        good = [row for row in report["rows"] if not row["section"] and not row["errors"]]
        if len(good) != expected_good:
            locked.report = report
            locked.save(update_fields=["report"])
            return ImportResult(imported=0, first_number=None, changed=True)
        if not good:
            raise Refused(_("Không có dòng hợp lệ nào để nhập."))
        petitions = _petitions_from(good, batch=locked, first=first, actor=actor)
        Petition.objects.bulk_create(petitions, batch_size=1000)
        locked.status = ImportBatchStatus.IMPORTED
        locked.imported_count = len(petitions)
        locked.report = report
        locked.save(update_fields=["status", "imported_count", "report"])
        record(
            actor=actor,
            action="import.confirm",
            target=locked,
            conference=conference,
            message=_("Nhập %(n)s kiến nghị từ “%(name)s” (số %(a)s–%(b)s)")
            % {"n": len(petitions), "name": locked.original_name, "a": first, "b": first + len(petitions) - 1},
            imported=len(petitions),
            skipped=report["counts"]["rows"] - len(petitions),
        )
        return ImportResult(imported=len(petitions), first_number=first)

    return numbering.with_number_retry(confirm)


@transaction.atomic
def import_cancel(*, batch: ImportBatch, actor) -> None:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _ensure_preview(batch)
    batch.status = ImportBatchStatus.CANCELLED
    batch.save(update_fields=["status"])
    record(
        actor=actor,
        action="import.cancel",
        target=batch,
        conference=batch.conference,
        message=_("Hủy nhập “%(name)s”") % {"name": batch.original_name},
    )
