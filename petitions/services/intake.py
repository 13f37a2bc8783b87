"""Writes of the intake journey: petitions logged one by one or imported from Excel, merges, the hand-over.

Keyword-only, atomic, audited. Petition numbers are per conference and unique: every allocation locks the conference
row first (SELECT ... FOR UPDATE on PostgreSQL), so two people saving at once get consecutive numbers; on SQLite,
which has no row locks, a clash hits the unique constraint and the save is retried.
"""

from dataclasses import dataclass
from typing import IO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.models import Agency, Conference, ConferenceStatus, IntakeSubmission
from conferences.permissions import membership_of
from conferences.services import ActionRefused, StaleVersion

from .. import importing
from ..models import (
    ImportBatch,
    ImportBatchStatus,
    Petition,
    PetitionAttachment,
    PetitionStatus,
    SubQuestion,
)
from ..permissions import (
    can_log_petitions,
    intake_sites_for,
    petitions_visible_to,
)

NUMBER_RETRIES = 3
PETITION_FIELDS = (
    "content",
    "submitting_unit",
    "bridge_point",
    "issue_group",
    "channel",
    "raised_live",
    "submitter_name",
    "submitter_contact",
)


@dataclass
class CheckedUpload:
    """An attachment whose type was read from its bytes (forms/intake.py); the name is only kept for display."""

    file: IO[bytes]
    original_name: str
    content_type: str
    extension: str
    size: int


def _next_number(conference: Conference) -> int:
    """Lock the conference row, then read the highest number: the caller holds the lock until commit."""
    Conference.objects.select_for_update().filter(pk=conference.pk).values_list("pk", flat=True).get()
    return (Petition.objects.filter(conference=conference).aggregate(m=Max("number"))["m"] or 0) + 1


def _with_number_retry(create):
    for attempt in range(NUMBER_RETRIES):
        try:
            with transaction.atomic():
                return create()
        except IntegrityError:
            if attempt == NUMBER_RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def _attach(petition: Petition, uploads: list[CheckedUpload], actor) -> None:
    for upload in uploads:
        attachment = PetitionAttachment(
            petition=petition,
            original_name=upload.original_name[:255],
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        upload.file.seek(0)
        # Stored under a neutral name: the user's file name is only shown, never used as a path.
        attachment.file.save(f"tep.{upload.extension}", ContentFile(upload.file.read()), save=False)
        attachment.save()


def petition_create(
    *,
    conference: Conference,
    actor,
    values: dict,
    sub_questions: list[str],
    attachments: list[CheckedUpload] = (),
) -> Petition:
    """Log one petition with its parts and files; it gets the next number of the conference."""
    if not can_log_petitions(actor, conference):
        raise ActionRefused(_("Hội nghị không còn tiếp nhận kiến nghị."))
    values = {k: v for k, v in values.items() if k in PETITION_FIELDS}
    parts = [part.strip() for part in sub_questions if part and part.strip()]

    def create() -> Petition:
        petition = Petition.objects.create(
            conference=conference,
            number=_next_number(conference),
            created_by=actor,
            status=PetitionStatus.RECEIVED,
            **values,
        )
        if parts:
            SubQuestion.objects.bulk_create(
                SubQuestion(petition=petition, position=i, content=text) for i, text in enumerate(parts, start=1)
            )
            petition.save(update_fields=["search_text", "updated_at"])
        _attach(petition, list(attachments), actor)
        record(
            actor=actor,
            action="petition.create",
            target=petition,
            conference=conference,
            message=_("Ghi kiến nghị số %(n)s") % {"n": petition.number},
            parts=len(parts),
            attachments=len(attachments),
        )
        return petition

    return _with_number_retry(create)


@dataclass
class PartEdit:
    pk: int | None
    content: str
    delete: bool = False


@transaction.atomic
def petition_update(
    *,
    petition: Petition,
    actor,
    values: dict,
    parts: list[PartEdit],
    version: int,
    attachments: list[CheckedUpload] = (),
    remove_attachments: list[int] = (),
) -> Petition:
    """Save an edited petition; refuses if someone saved it after `version` was read (nothing is overwritten)."""
    current = Petition.objects.select_for_update().get(pk=petition.pk)
    if current.version != version:
        raise StaleVersion(
            _("Kiến nghị số %(n)s vừa được người khác sửa. Hãy mở lại để xem bản mới rồi sửa tiếp.")
            % {"n": current.number}
        )
    values = {k: v for k, v in values.items() if k in PETITION_FIELDS}
    changes = {
        field: [str(getattr(current, field) or ""), str(value or "")]
        for field, value in values.items()
        if getattr(current, field) != value
    }
    for field, value in values.items():
        setattr(current, field, value)

    # Sub-questions are edited in place: answers and assignments point at them and must survive an edit.
    existing = {sq.pk: sq for sq in current.sub_questions.all()}
    kept = [p for p in parts if not p.delete and p.content.strip()]
    dropped = [existing[pk] for pk in existing if pk not in {p.pk for p in kept}]
    for sq in dropped:
        if sq.answers.exists() or sq.assignments.exists():
            raise ActionRefused(
                _("Câu hỏi thành phần “%(q)s” đã được phân công hoặc trả lời nên không xóa được.")
                % {"q": sq.content[:60]}
            )
    SubQuestion.objects.filter(pk__in=[sq.pk for sq in dropped]).delete()
    # Two steps so the (petition, position) uniqueness holds at every statement.
    SubQuestion.objects.filter(petition=current).update(position=F("position") + 1000)
    for position, part in enumerate(kept, start=1):
        if part.pk in existing:
            SubQuestion.objects.filter(pk=part.pk).update(position=position, content=part.content.strip())
        else:
            SubQuestion.objects.create(petition=current, position=position, content=part.content)
    if len(kept) != len(existing) or dropped:
        changes["sub_questions"] = [len(existing), len(kept)]

    removed = list(current.attachments.filter(pk__in=remove_attachments))
    for attachment in removed:
        attachment.file.delete(save=False)
        attachment.delete()
    _attach(current, list(attachments), actor)
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    record(
        actor=actor,
        action="petition.update",
        target=current,
        conference=current.conference,
        message=_("Sửa kiến nghị số %(n)s") % {"n": current.number},
        changes=changes,
        attachments_added=len(attachments),
        attachments_removed=[a.original_name for a in removed],
    )
    return current


@transaction.atomic
def petition_merge(*, duplicate: Petition, into: Petition, actor) -> Petition:
    """Home Affairs merges a duplicate into the petition that is kept.

    The duplicate keeps its number and a link to the kept one (status "merged"); the kept petition then lists the
    submitting unit of every petition merged into it. Duplicates of the duplicate move along to the kept one.
    """
    duplicate = Petition.objects.select_for_update().get(pk=duplicate.pk)
    into = Petition.objects.select_for_update().get(pk=into.pk)
    if duplicate.pk == into.pk:
        raise ActionRefused(_("Không thể gộp một kiến nghị vào chính nó."))
    if duplicate.conference_id != into.conference_id:
        raise ActionRefused(_("Chỉ gộp được các kiến nghị của cùng một hội nghị."))
    if into.status == PetitionStatus.MERGED:
        raise ActionRefused(
            _("Kiến nghị số %(n)s đã được gộp vào kiến nghị khác; hãy gộp vào kiến nghị được giữ lại.")
            % {"n": into.number}
        )
    if duplicate.assignments.open().exists():
        raise ActionRefused(
            _("Kiến nghị số %(n)s đang được giao cho cơ quan trả lời; hãy thu hồi phân công trước khi gộp.")
            % {"n": duplicate.number}
        )
    moved = Petition.objects.filter(duplicate_of=duplicate).update(duplicate_of=into)
    duplicate.set_status(PetitionStatus.MERGED)
    duplicate.duplicate_of = into
    duplicate.version = F("version") + 1
    duplicate.save()
    for target in (duplicate, into):
        record(
            actor=actor,
            action="petition.merge",
            target=target,
            conference=into.conference,
            message=_("Gộp kiến nghị số %(d)s vào kiến nghị số %(k)s") % {"d": duplicate.number, "k": into.number},
            duplicate=duplicate.pk,
            kept=into.pk,
            moved=moved,
        )
    into.refresh_from_db()
    return into


@transaction.atomic
def petition_unmerge(*, petition: Petition, actor) -> Petition:
    """Undo a merge: the petition stands on its own again (received)."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    kept = petition.duplicate_of
    petition.set_status(PetitionStatus.RECEIVED)
    petition.duplicate_of = None
    petition.version = F("version") + 1
    petition.save()
    petition.refresh_from_db()
    record(
        actor=actor,
        action="petition.unmerge",
        target=petition,
        conference=petition.conference,
        message=_("Tách kiến nghị số %(n)s khỏi kiến nghị số %(k)s")
        % {"n": petition.number, "k": kept.number if kept else "?"},
    )
    return petition


# --- Hand-over of the compiled list ------------------------------------------------------------------------------


def intake_deadline_for(conference: Conference, agency: Agency):
    """The Youth Union of the organising unit hands over to Home Affairs (union deadline); lower unions hand their
    sites' petitions to it (site deadline)."""
    if conference.organising_unit.path.startswith(agency.unit.path):
        return conference.union_intake_deadline
    return conference.site_intake_deadline or conference.union_intake_deadline


@transaction.atomic
def intake_submit(*, conference: Conference, actor, note: str = "") -> IntakeSubmission:
    """Record that a Youth Union handed its compiled list on, with the time and how many petitions it held."""
    agency = actor.membership.agency
    count = petitions_visible_to(actor, conference).not_merged().count()
    if count == 0:
        raise ActionRefused(_("Chưa có kiến nghị nào để gửi."))
    submission = IntakeSubmission.objects.create(
        conference=conference,
        agency=agency,
        submitted_by=actor,
        submitted_at=timezone.now(),
        petition_count=count,
        note=note.strip(),
    )
    deadline = intake_deadline_for(conference, agency)
    late = bool(deadline and timezone.localdate(submission.submitted_at) > deadline)
    record(
        actor=actor,
        action="intake.submit",
        target=submission,
        conference=conference,
        message=_("%(agency)s gửi tổng hợp %(n)s kiến nghị%(late)s")
        % {"agency": agency, "n": count, "late": _(" (quá hạn)") if late else ""},
        petitions=count,
        late=late,
    )
    return submission


# --- Excel import -------------------------------------------------------------------------------------------------


def _import_context(conference: Conference, actor) -> importing.Context:
    """What rows are checked against. A user's import sees only their sites and the petitions they can see."""
    sites = list(conference.bridge_points.select_related("unit", "unit__parent").order_by("position", "name"))
    scope = set(intake_sites_for(actor, conference).values_list("pk", flat=True))
    visible = petitions_visible_to(actor, conference)
    membership = membership_of(actor)
    unit_id = membership.agency.unit_id if membership else None
    default_site = next((s.pk for s in sites if unit_id and s.unit_id == unit_id and s.pk in scope), None)
    existing = list(visible.not_merged().order_by("number").values_list("pk", "number", "content"))
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
    return importing.check_rows(sheet, _import_context(conference, actor))


def _check_batch(batch: ImportBatch, actor, corrections: dict) -> importing.Report:
    with batch.file.open("rb") as handle:
        sheet = importing.read_sheet(handle, size=batch.file.size)
    return importing.check_rows(sheet, _import_context(batch.conference, actor), corrections)


def _state(conference: Conference, actor) -> list:
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


def import_start(*, conference: Conference, upload, actor) -> ImportBatch:
    """Keep the uploaded file and check every row; nothing is imported until the user confirms the preview.

    Raises importing.ImportRefused (with a message) for a file that cannot be read as a whole."""
    if not can_log_petitions(actor, conference):
        raise ActionRefused(_("Hội nghị không còn tiếp nhận kiến nghị."))
    upload.seek(0)
    state = _state(conference, actor)
    sheet = importing.read_sheet(upload, size=upload.size)
    report = importing.check_rows(sheet, _import_context(conference, actor))
    with transaction.atomic():
        batch = ImportBatch(
            conference=conference,
            original_name=upload.name[:255],
            uploaded_by=actor,
            row_count=len(report.data_rows),
            report={**report.as_json(), "corrections": {}, "state": state},
        )
        upload.seek(0)
        batch.file.save("danh-sach.xlsx", ContentFile(upload.read()), save=False)
        batch.save()
        record(
            actor=actor,
            action="import.preview",
            target=batch,
            conference=conference,
            message=_("Tải lên “%(name)s”: %(n)s dòng") % {"name": batch.original_name, "n": batch.row_count},
            counts=batch.report["counts"],
        )
    return batch


def _ensure_preview(batch: ImportBatch) -> None:
    if batch.status != ImportBatchStatus.PREVIEW:
        raise ActionRefused(_("Lần nhập này đã kết thúc (đã nhập hoặc đã hủy)."))


@transaction.atomic
def import_recheck(*, batch: ImportBatch, actor, corrections: dict) -> ImportBatch:
    """Apply the sites and groups chosen in the preview to rows that had none, and check again."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    _ensure_preview(batch)
    merged = {**batch.report.get("corrections", {}), **corrections}
    state = _state(batch.conference, actor)
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
            raise ActionRefused(_("Hội nghị không còn tiếp nhận kiến nghị."))
        first = _next_number(conference)  # locks the conference row: numbers and duplicate checks stay consistent
        corrections = locked.report.get("corrections", {})
        state = _state(conference, actor)
        if state == locked.report.get("state"):
            report = locked.report
        else:
            report = {**_check_batch(locked, actor, corrections).as_json(), "corrections": corrections, "state": state}
        good = [row for row in report["rows"] if not row["section"] and not row["errors"]]
        if len(good) != expected_good:
            locked.report = report
            locked.save(update_fields=["report"])
            return ImportResult(imported=0, first_number=None, changed=True)
        if not good:
            raise ActionRefused(_("Không có dòng hợp lệ nào để nhập."))
        petitions = []
        for offset, row in enumerate(good):
            petition = Petition(
                conference=conference,
                number=first + offset,
                content=row["content"],
                submitting_unit=row["unit"],
                bridge_point_id=row["site_id"],
                issue_group_id=row["group_id"],
                import_batch=locked,
                created_by=actor,
                status=PetitionStatus.RECEIVED,
            )
            # bulk_create skips save(): apply the same normalisation it does.
            petition.content = petition.content.strip()
            petition.search_text = petition.build_search_text(sub_questions=[])
            petitions.append(petition)
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

    return _with_number_retry(confirm)


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


def conference_accepts_intake(conference: Conference) -> bool:
    return conference.status == ConferenceStatus.COLLECTING
