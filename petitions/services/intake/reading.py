"""An uploaded Excel list, read in the background so no upload can hold a web worker.

`import_start` runs in the request and costs what the archive's directory costs: it refuses a file that is too big,
not an .xlsx or a zip bomb (importing.check_upload), keeps the file on a batch that is READING and queues
`read_import` after the commit. The task (default queue; in eager mode, without Redis, it runs in-process) streams
the sheet, checks every row and turns the batch into a PREVIEW with the rows kept on it, or FAILED with the reason;
the page follows its progress. It is idempotent by the batch's state: a message delivered twice reads once, and a
read that is not heard of for IMPORT_STALL_SECONDS (broker down at the upload, worker killed) is queued again when
the batch's page asks (`import_resume_if_stalled`).
"""

import logging
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.background import AfterCommitTask
from conferences.errors import Refused
from conferences.models import Conference

from ... import importing
from ...models import ImportBatch, ImportBatchStatus
from ...permissions import can_log_petitions
from .excel import check_state, import_context

log = logging.getLogger(__name__)
READ_SHARE = 60  # of the progress bar: reading the sheet; checking the rows takes the rest


def import_start(*, conference: Conference, upload, actor, read_now: bool = False) -> ImportBatch:
    """Keep the uploaded file and queue its reading; nothing is imported until the user confirms the preview.

    Raises `Refused` for a file refused before any parsing. `read_now` reads in this process (the command)."""
    if not can_log_petitions(actor, conference):
        raise Refused(_("Hội nghị không còn tiếp nhận kiến nghị."))
    importing.check_upload(upload, upload.size)
    with transaction.atomic():
        batch = ImportBatch(
            conference=conference,
            original_name=upload.name[:255],
            uploaded_by=actor,
            status=ImportBatchStatus.READING,
            heard_at=timezone.now(),
        )
        upload.seek(0)
        batch.file.save("danh-sach.xlsx", upload, save=False)
        batch.save()
        record(
            actor=actor,
            action="import.upload",
            target=batch,
            conference=conference,
            message=_("Tải lên “%(name)s”") % {"name": batch.original_name},
        )
        if not read_now:
            read_import.delay(batch.pk)
    if read_now:
        import_read(batch.pk)
    batch.refresh_from_db()
    return batch


def _heard(batch_id: int, **fields) -> int:
    return ImportBatch.objects.filter(pk=batch_id, status=ImportBatchStatus.READING).update(
        heard_at=timezone.now(), **fields
    )


def _fail(batch_id: int, message: str) -> None:
    """The batch becomes FAILED with the reason; the file, which could not be read, is not kept."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=ImportBatchStatus.READING).first()
    if batch is None:
        return
    if batch.file:
        batch.file.delete(save=False)
    if _heard(batch_id, status=ImportBatchStatus.FAILED, message=message[:2000], progress=100, file=""):
        record(
            actor=batch.uploaded_by,
            action="import.failed",
            target=batch,
            conference=batch.conference,
            message=_("Không đọc được “%(name)s”: %(reason)s") % {"name": batch.original_name, "reason": message},
        )


def _read_and_check(batch: ImportBatch) -> tuple[importing.Sheet, importing.Report, list]:
    def progress(done: int, total: int) -> None:
        _heard(batch.pk, progress=max(1, min(READ_SHARE, READ_SHARE * done // max(total, 1))))

    actor = batch.uploaded_by
    state = check_state(batch.conference, actor)
    with batch.file.open("rb") as handle:
        sheet = importing.read_sheet(handle, size=batch.file.size, progress=progress)
    _heard(batch.pk, progress=READ_SHARE)
    return sheet, importing.check_rows(sheet, import_context(batch.conference, actor)), state


def import_read(batch_id: int) -> str:
    """Read and check a READING batch once: PREVIEW with its report and rows, or FAILED with the reason."""
    batch = ImportBatch.objects.select_related("conference", "uploaded_by").filter(pk=batch_id).first()
    if batch is None or batch.status != ImportBatchStatus.READING:
        return "skipped"
    _heard(batch_id, progress=1)
    try:
        sheet, report, state = _read_and_check(batch)
    except Refused as refused:
        _fail(batch_id, str(refused))
        return "failed"
    except SoftTimeLimitExceeded:
        _fail(
            batch_id, _("Đọc tệp quá %(s)s giây: tệp quá lớn hoặc quá phức tạp.") % {"s": settings.IMPORT_READ_TIMEOUT}
        )
        return "failed"
    except Exception:  # a fault of ours: the user is told, the traceback is logged, the read is not retried forever
        log.exception("import %s: reading failed", batch_id)
        _fail(batch_id, _("Lỗi khi đọc tệp. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống."))
        return "error"
    with transaction.atomic():
        rows = len(report.data_rows)
        done = _heard(
            batch_id,
            status=ImportBatchStatus.PREVIEW,
            progress=100,
            row_count=rows,
            sheet=sheet.as_json(),
            report={**report.as_json(), "corrections": {}, "state": state},
        )
        if done:
            record(
                actor=batch.uploaded_by,
                action="import.preview",
                target=batch,
                conference=batch.conference,
                message=_("Tải lên “%(name)s”: %(n)s dòng") % {"name": batch.original_name, "n": rows},
                counts=report.as_json()["counts"],
            )
    return "done" if done else "skipped"


@shared_task(
    base=AfterCommitTask,
    name="petitions.read_import",
    acks_late=True,
    ignore_result=True,
    soft_time_limit=settings.IMPORT_READ_TIMEOUT,
    time_limit=settings.IMPORT_READ_TIMEOUT + 30,
)
def read_import(batch_id: int) -> str:
    return import_read(batch_id)


def import_resume_if_stalled(batch: ImportBatch) -> bool:
    """Queue the reading again when nothing was heard of it for IMPORT_STALL_SECONDS (one asker re-queues)."""
    if batch.status != ImportBatchStatus.READING:
        return False
    last = batch.heard_at or batch.uploaded_at
    if timezone.now() - last < timedelta(seconds=settings.IMPORT_STALL_SECONDS):
        return False
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatchStatus.READING, heard_at=batch.heard_at)
    if not claimed.update(heard_at=timezone.now()):
        return False
    log.warning("import %s: reading not heard of since %s, queued again", batch.pk, last)
    read_import.delay(batch.pk)
    return True


def import_discard(*, batch: ImportBatch) -> None:
    """A FAILED batch whose reason has now been shown to the uploader leaves nothing behind (its audit row stays)."""
    ImportBatch.objects.filter(pk=batch.pk, status=ImportBatchStatus.FAILED).delete()
