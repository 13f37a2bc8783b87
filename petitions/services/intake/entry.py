"""Petitions logged one by one: created with their parts and files, corrected until they are forwarded."""

from dataclasses import dataclass
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused
from conferences.locking import bump, locked
from conferences.models import Conference

from ...models import Petition, PetitionAttachment, PetitionStatus, SubQuestion
from ...permissions import can_log_petitions
from . import numbering

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


@dataclass
class PartEdit:
    pk: int | None
    content: str
    delete: bool = False


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
        raise Refused(_("Hội nghị không còn tiếp nhận kiến nghị."))
    values = {k: v for k, v in values.items() if k in PETITION_FIELDS}
    parts = [part.strip() for part in sub_questions if part and part.strip()]

    def create() -> Petition:
        petition = Petition.objects.create(
            conference=conference,
            number=numbering.next_number(conference),
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

    return numbering.with_number_retry(create)


def _apply_values(petition: Petition, values: dict) -> dict:
    """Set the edited fields; returns {field: [old, new]} of what changed, for the audit."""
    values = {k: v for k, v in values.items() if k in PETITION_FIELDS}
    changes = {
        field: [str(getattr(petition, field) or ""), str(value or "")]
        for field, value in values.items()
        if getattr(petition, field) != value
    }
    for field, value in values.items():
        setattr(petition, field, value)
    return changes


def _edit_parts(petition: Petition, parts: list[PartEdit]) -> list[int] | None:
    """Edit the sub-questions in place (answers and assignments point at them and must survive an edit).
    Returns [count before, count after] when the parts changed."""
    existing = {sq.pk: sq for sq in petition.sub_questions.all()}
    kept = [p for p in parts if not p.delete and p.content.strip()]
    dropped = [existing[pk] for pk in existing if pk not in {p.pk for p in kept}]
    for sq in dropped:
        if sq.answers.exists() or sq.assignments.exists():
            raise Refused(
                _("Câu hỏi thành phần “%(q)s” đã được phân công hoặc trả lời nên không xóa được.")
                % {"q": sq.content[:60]}
            )
    SubQuestion.objects.filter(pk__in=[sq.pk for sq in dropped]).delete()
    # Two steps so the (petition, position) uniqueness holds at every statement.
    SubQuestion.objects.filter(petition=petition).update(position=F("position") + 1000)
    for position, part in enumerate(kept, start=1):
        if part.pk in existing:
            SubQuestion.objects.filter(pk=part.pk).update(position=position, content=part.content.strip())
        else:
            SubQuestion.objects.create(petition=petition, position=position, content=part.content)
    if len(kept) != len(existing) or dropped:
        return [len(existing), len(kept)]
    return None


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
    """Save an edited petition; `Conflict` if someone saved it after `version` was read (nothing is overwritten)."""
    current = locked(
        Petition.objects.all(),
        pk=petition.pk,
        version=version,
        message=_("Kiến nghị số %(n)s vừa được người khác sửa. Hãy mở lại để xem bản mới rồi sửa tiếp.")
        % {"n": petition.number},
    )
    changes = _apply_values(current, values)
    parts_changed = _edit_parts(current, parts)
    if parts_changed:
        changes["sub_questions"] = parts_changed
    removed = list(current.attachments.filter(pk__in=remove_attachments))
    for attachment in removed:
        attachment.file.delete(save=False)
        attachment.delete()
    _attach(current, list(attachments), actor)
    bump(current)
    current.save()
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
