"""Render jobs hold a lease while they run, so a job whose worker died (deploy, out of memory, restart) is noticed
and finished by another run instead of staying "running 1%" for ever.

- `claim(job_id)`: a queued job, or a running one whose lease has expired (its worker is gone), is claimed by a
  conditional update that also writes a fresh claim token, the worker's name and `lease_until`. Two runs can never
  both hold a job: the second update finds the row changed. A job that lost its worker RENDER_JOB_MAX_ATTEMPTS
  times fails for good (a render that kills its worker every time, e.g. out of memory, must not loop).
- `Lease`: the run's heartbeat. Progress renews the lease; in a worker a thread with its own database connection
  renews it every third of RENDER_JOB_LEASE_SECONDS and writes the progress (an issue renders inside its
  transaction, where the job row's updates would not be seen until the end). A renewal that finds the row claimed
  by another run marks the lease lost, and the next progress report stops this run (LeaseLost).
- `finish(...)`: the run's result is written only while it still holds the claim.
- Every step goes to the job's history (RenderJobEvent), which Home Affairs sees on the job's page and the admin.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import NoticeRenderJob, RenderJobEvent, RenderJobEventKind, RenderJobState, RenderPurpose


class LeaseLost(Exception):
    """Another run took the job over: this one stops without writing its result."""


def worker_label() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def lease_span() -> timedelta:
    return timedelta(seconds=settings.RENDER_JOB_LEASE_SECONDS)


RUN_STARTS = (RenderJobEventKind.STARTED, RenderJobEventKind.TAKEN_OVER)


def stale(now: datetime) -> Q:
    """Running jobs whose lease has expired (or that never had one: rows from before leases)."""
    return Q(state=RenderJobState.RUNNING) & (Q(lease_until__isnull=True) | Q(lease_until__lt=now))


def event(job_id: int, kind: str, *, worker: str = "", detail: str = "") -> None:
    RenderJobEvent.objects.create(job_id=job_id, kind=kind, worker=worker[:200], detail=detail[:2000])


def note_worker_lost(job_id: int, *, worker: str, lease_until: datetime | None) -> None:
    """Record once per lost run (after the line that says it started) that its worker stopped answering."""
    steps = RenderJobEvent.objects.filter(job_id=job_id).order_by("-at", "-id")
    last = steps.filter(kind__in=[*RUN_STARTS, RenderJobEventKind.WORKER_LOST]).values_list("kind", flat=True).first()
    if last == RenderJobEventKind.WORKER_LOST:
        return
    since = timezone.localtime(lease_until).strftime("%d/%m/%Y %H:%M") if lease_until else "?"
    detail = _("Không còn báo hoạt động từ %(time)s.") % {"time": since}
    event(job_id, RenderJobEventKind.WORKER_LOST, worker=worker, detail=detail)


def is_abandoned(job: NoticeRenderJob, *, now: datetime | None = None) -> bool:
    """A running job whose worker stopped renewing its lease (the sweeper hands it to another run)."""
    now = now or timezone.now()
    return job.state == RenderJobState.RUNNING and (job.lease_until is None or job.lease_until < now)


TROUBLE = (RenderJobEventKind.WORKER_LOST, RenderJobEventKind.FAILED, RenderJobEventKind.NOT_SENT)


def last_troubled_job(notice) -> NoticeRenderJob | None:
    """The notice's latest issue job that lost its worker, failed or waited for the broker: its history is shown
    on the notice's page so Home Affairs sees what happened to the issue."""
    job = notice.render_jobs.filter(purpose=RenderPurpose.ISSUE).order_by("-created_at", "-id").first()
    if job is None or not job.events.filter(kind__in=TROUBLE).exists():
        return None
    return job


@dataclass(frozen=True)
class Claim:
    job_id: int
    token: str
    worker: str
    took_over: bool


def _give_up(job: dict, now: datetime) -> None:
    """A job that lost its worker too many times fails for good (a render that kills its worker must not loop)."""
    message = _("Tiến trình xử lý bị dừng giữa chừng %(n)s lần; hãy kiểm tra dung lượng bộ nhớ rồi chạy lại.") % {
        "n": job["attempts"]
    }
    failed = (
        NoticeRenderJob.objects.filter(pk=job["pk"], claim=job["claim"])
        .filter(stale(now))
        .update(state=RenderJobState.FAILED, message=message, finished_at=now, lease_until=None)
    )
    if failed:
        note_worker_lost(job["pk"], worker=job["worker"], lease_until=job["lease_until"])
        event(job["pk"], RenderJobEventKind.FAILED, detail=message)


def claim(job_id: int, *, now: datetime | None = None) -> Claim | None:
    """Claim a queued job, or take over a running one whose lease has expired; None when there is nothing to do."""
    now = now or timezone.now()
    job = (
        NoticeRenderJob.objects.filter(pk=job_id)
        .values("pk", "state", "claim", "worker", "lease_until", "attempts")
        .first()
    )
    if job is None:
        return None
    if job["state"] == RenderJobState.QUEUED:
        condition = Q(state=RenderJobState.QUEUED)
    elif NoticeRenderJob.objects.filter(pk=job_id, claim=job["claim"]).filter(stale(now)).exists():
        if job["attempts"] >= settings.RENDER_JOB_MAX_ATTEMPTS:
            _give_up(job, now)
            return None
        condition = Q(claim=job["claim"]) & stale(now)
    else:
        return None
    token, me = uuid.uuid4().hex, worker_label()
    claimed = (
        NoticeRenderJob.objects.filter(pk=job_id)
        .filter(condition)
        .update(
            state=RenderJobState.RUNNING,
            claim=token,
            worker=me,
            lease_until=now + lease_span(),
            attempts=F("attempts") + 1,
            progress=1,
            started_at=now,
            message="",
        )
    )
    if not claimed:
        return None
    took_over = job["state"] == RenderJobState.RUNNING
    if took_over:
        note_worker_lost(job_id, worker=job["worker"], lease_until=job["lease_until"])
    event(job_id, RenderJobEventKind.TAKEN_OVER if took_over else RenderJobEventKind.STARTED, worker=me)
    return Claim(job_id=job_id, token=token, worker=me, took_over=took_over)


def lease_left(job_id: int, *, now: datetime | None = None) -> float | None:
    """Seconds until a running job's lease expires (None when it is not running)."""
    until = (
        NoticeRenderJob.objects.filter(pk=job_id, state=RenderJobState.RUNNING)
        .values_list("lease_until", flat=True)
        .first()
    )
    if until is None:
        return None
    return max(0.0, (until - (now or timezone.now())).total_seconds())


class Lease:
    """The heartbeat of a claimed run: `with Lease(claim, threaded=True) as lease: render(progress=lease.progress)`.

    threaded: renewals and progress are written by a thread on its own connection (autocommit), every third of the
    lease and whenever progress moves; otherwise (tasks run in the caller's process) by the progress reports.
    """

    def __init__(self, held: Claim, *, threaded: bool):
        self.held = held
        self.threaded = threaded
        self.lost = False
        self._progress = 1
        self._wake = threading.Event()
        self._stop = False
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Lease:
        if self.threaded:
            self._thread = threading.Thread(target=self._beat, name=f"render-job-{self.held.job_id}", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread:
            self._stop = True
            self._wake.set()
            self._thread.join(timeout=30)

    def progress(self, done: int, total: int) -> None:
        """A progress report (1..99 %); renews the lease, and stops the run when another run took the job over."""
        if self.lost:
            raise LeaseLost
        self._progress = max(1, min(99, int(100 * done / max(total, 1))))
        if self.threaded:
            self._wake.set()
        else:
            self.renew()
            if self.lost:
                raise LeaseLost

    def renew(self) -> None:
        renewed = NoticeRenderJob.objects.filter(
            pk=self.held.job_id, claim=self.held.token, state=RenderJobState.RUNNING
        ).update(lease_until=timezone.now() + lease_span(), progress=self._progress)
        if not renewed:
            self.lost = True

    def _beat(self) -> None:
        interval = max(0.2, settings.RENDER_JOB_LEASE_SECONDS / 3)
        try:
            while not self._stop:
                self._wake.wait(interval)
                self._wake.clear()
                if self._stop:
                    break
                close_old_connections()
                try:
                    self.renew()
                except Exception:  # a database hiccup: try again at the next beat, the lease has slack
                    connection.close()
        finally:
            connection.close()


def finish(held: Claim, **fields) -> bool:
    """Write the run's outcome while it still holds the claim; False when it was taken over meanwhile."""
    fields.setdefault("finished_at", timezone.now())
    return bool(
        NoticeRenderJob.objects.filter(pk=held.job_id, claim=held.token, state=RenderJobState.RUNNING).update(
            lease_until=None, **fields
        )
    )
