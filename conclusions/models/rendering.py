"""Notices rendered in the background: one row per render, its progress and (for a draft preview) its file."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.states import move

from .notices import ConclusionNotice


class RenderJobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


RENDER_JOB_TRANSITIONS = {
    RenderJobState.QUEUED: (RenderJobState.RUNNING, RenderJobState.FAILED),
    RenderJobState.RUNNING: (RenderJobState.DONE, RenderJobState.FAILED, RenderJobState.QUEUED),
    RenderJobState.DONE: (),
    RenderJobState.FAILED: (RenderJobState.QUEUED,),
}


class RenderPurpose(models.TextChoices):
    PREVIEW = "preview", _("Bản xem trước của dự thảo")
    ISSUE = "issue", _("Ban hành")


def render_job_path(instance, filename):
    return f"notices/{instance.notice.conference_id}/jobs/{filename}"


class NoticeRenderJob(models.Model):
    """A notice rendered in the background (large appendices): its progress, and the file of a draft preview.

    An issue job assigns the number and stores the files on the notice itself; a preview job keeps its file here,
    valid for the notice content version it was asked for.
    """

    notice = models.ForeignKey(
        ConclusionNotice, verbose_name=_("thông báo kết luận"), on_delete=models.CASCADE, related_name="render_jobs"
    )
    purpose = models.CharField(
        _("mục đích"), max_length=10, choices=RenderPurpose.choices, default=RenderPurpose.PREVIEW
    )
    fmt = models.CharField(_("định dạng tệp"), max_length=5, default="pdf")
    notice_version = models.PositiveIntegerField(_("phiên bản nội dung thông báo"))
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    # An issue with the number the clerk's register gave (empty: the next number of the portal's register).
    register_number = models.PositiveIntegerField(_("số do văn thư cấp"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=RenderJobState.choices, default=RenderJobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    message = models.TextField(_("thông tin xử lý"), blank=True)
    file = models.FileField(_("tệp"), upload_to=render_job_path, null=True, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    started_at = models.DateTimeField(_("thời điểm bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    # The lease (conclusions.notices.leases): the run that claimed the job renews lease_until while it works; a
    # job whose lease has expired lost its worker and is taken over. enqueued_at: when the task was last handed to
    # the broker (empty: never, e.g. Redis was down), so the sweeper knows what to send.
    claim = models.CharField(_("mã lượt chạy"), max_length=32, blank=True)
    worker = models.CharField(_("tiến trình xử lý"), max_length=200, blank=True)
    lease_until = models.DateTimeField(_("hạn giữ việc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    enqueued_at = models.DateTimeField(_("thời điểm gửi vào hàng đợi"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt tạo tệp thông báo")
        verbose_name_plural = _("các lượt tạo tệp thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "lease_until"], name="render_job_state_lease")]
        constraints = [
            # One issue in flight per notice: a double click cannot queue two issues.
            models.UniqueConstraint(
                fields=["notice"],
                condition=Q(purpose="issue", state__in=["queued", "running"]),
                name="one_issue_job_in_flight",
            )
        ]

    def __str__(self):
        return f"{self.notice_id} {self.purpose} {self.fmt} {self.state}"

    def set_state(self, target: str) -> str:
        return move(self, field="state", target=target, allowed=RENDER_JOB_TRANSITIONS)

    @property
    def is_in_flight(self) -> bool:
        return self.state in (RenderJobState.QUEUED, RenderJobState.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.state == RenderJobState.DONE

    @property
    def is_failed(self) -> bool:
        return self.state == RenderJobState.FAILED

    @property
    def issues(self) -> bool:
        return self.purpose == RenderPurpose.ISSUE


class RenderJobEventKind(models.TextChoices):
    REQUESTED = "requested", _("Đã yêu cầu")
    NOT_SENT = "not_sent", _("Chưa gửi được vào hàng đợi; sẽ gửi lại tự động")
    SENT = "sent", _("Đã gửi lại vào hàng đợi")
    STARTED = "started", _("Bắt đầu tạo tệp")
    WORKER_LOST = "worker_lost", _("Mất tiến trình xử lý (dừng giữa chừng)")
    TAKEN_OVER = "taken_over", _("Tiến trình khác tiếp nhận và làm lại")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")
    RETRIED = "retried", _("Yêu cầu chạy lại")


class RenderJobEvent(models.Model):
    """One step of a render job's history, shown to Home Affairs on the job's page and in the admin."""

    job = models.ForeignKey(
        NoticeRenderJob, verbose_name=_("lượt tạo tệp"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    kind = models.CharField(_("sự kiện"), max_length=20, choices=RenderJobEventKind.choices)
    worker = models.CharField(_("tiến trình xử lý"), max_length=200, blank=True)
    detail = models.TextField(_("chi tiết"), blank=True)

    class Meta:
        verbose_name = _("diễn biến tạo tệp")
        verbose_name_plural = _("diễn biến tạo tệp")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.job_id} {self.kind} {self.at:%d/%m/%Y %H:%M}"
