"""Conclusion tasks (the notice's directives to agencies) and their progress reports.

A task's deadline is asked for with the one deadline engine's rule (conferences.deadlines.DeadlineRule), offered to
the clerk with the wording of a notice: working days count from the issue date, "within the year" ends on 31/12.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.models import Agency, Conference
from conferences.states import move

from .notices import ConclusionNotice, NoticeSection, NoticeState

# The rules a notice gives its tasks, with the words the clerk reads (the working days count from the issue date).
DIRECTIVE_DEADLINE_CHOICES = [
    (DeadlineRule.NONE.value, _("Không ấn định thời hạn")),
    (DeadlineRule.FIXED_DATE.value, _("Ngày cố định")),
    (DeadlineRule.END_OF_YEAR.value, _("Trong năm")),
    (DeadlineRule.WORKING_DAYS.value, _("Số ngày làm việc kể từ ngày ban hành")),
    (DeadlineRule.NEXT_CONFERENCE.value, _("Tại hội nghị đối thoại năm sau")),
]


def directive_deadline_spec(rule: str, *, days: int | None, fixed: date | None, issued_on: date | None) -> DeadlineSpec:
    """A task's deadline as the engine reads it: a fixed date is its own base; the other rules count from the day
    the notice is issued (None while it is a draft)."""
    if rule == DeadlineRule.FIXED_DATE:
        return DeadlineSpec(rule, base=fixed)
    return DeadlineSpec(rule, count=days if rule == DeadlineRule.WORKING_DAYS else None, base=issued_on)


class DirectiveStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    REPORTED_DONE = "reported_done", _("Báo cáo hoàn thành, chờ xác nhận")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Hủy bỏ")


DIRECTIVE_TRANSITIONS = {
    DirectiveStatus.OPEN: (DirectiveStatus.IN_PROGRESS, DirectiveStatus.REPORTED_DONE, DirectiveStatus.CANCELLED),
    DirectiveStatus.IN_PROGRESS: (DirectiveStatus.REPORTED_DONE, DirectiveStatus.CANCELLED),
    DirectiveStatus.REPORTED_DONE: (DirectiveStatus.DONE, DirectiveStatus.IN_PROGRESS),
    DirectiveStatus.DONE: (DirectiveStatus.IN_PROGRESS,),
    DirectiveStatus.CANCELLED: (),
}
# Open with the owner agency (it may report progress), and open at all (also while Home Affairs reviews it).
AGENCY_OPEN_DIRECTIVE_STATUSES = (DirectiveStatus.OPEN, DirectiveStatus.IN_PROGRESS)
OPEN_DIRECTIVE_STATUSES = (*AGENCY_OPEN_DIRECTIVE_STATUSES, DirectiveStatus.REPORTED_DONE)


class DirectiveQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_DIRECTIVE_STATUSES)

    def for_agency(self, agency: Agency):
        return self.filter(agency=agency)

    # Follow-up (issue 6) ------------------------------------------------------------------------------------------
    def for_followup_list(self):
        return self.select_related("agency", "notice__conference").order_by(
            models.F("due_date").asc(nulls_last=True), "-notice__conference__year", "notice_id", "position"
        )

    def carried_over_to(self, conference: Conference):
        """Tasks of earlier conferences of the same unit not finished by this one: still open, or done after it."""
        unfinished = Q(status__in=OPEN_DIRECTIVE_STATUSES)
        if conference.dialogue_date:
            unfinished |= Q(status=DirectiveStatus.DONE, completed_at__date__gt=conference.dialogue_date)
        return self.filter(
            unfinished,
            notice__state=NoticeState.ISSUED,
            notice__conference__organising_unit_id=conference.organising_unit_id,
            notice__conference__year__lt=conference.year,
        )


class Directive(models.Model):
    """A task the notice gives an agency ('2.2. Sở Kế hoạch và Đầu tư: ... hoàn thành trong năm 2023')."""

    notice = models.ForeignKey(
        ConclusionNotice, verbose_name=_("thông báo kết luận"), on_delete=models.CASCADE, related_name="directives"
    )
    section = models.ForeignKey(
        NoticeSection,
        verbose_name=_("phần của thông báo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directives",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
    )
    heading = models.CharField(
        _("tiêu đề mục"), max_length=300, help_text=_("Ví dụ: Đề nghị Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh")
    )
    text = models.TextField(_("nội dung nhiệm vụ"))
    deadline_kind = models.CharField(
        _("loại thời hạn"), max_length=20, choices=DIRECTIVE_DEADLINE_CHOICES, default=DeadlineRule.NONE
    )
    deadline_days = models.PositiveIntegerField(_("số ngày làm việc"), null=True, blank=True)
    deadline_date = models.DateField(_("ngày hết hạn ấn định"), null=True, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    due_explanation = models.TextField(_("cách tính hạn"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DirectiveStatus.choices, default=DirectiveStatus.OPEN
    )
    progress_percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"), default=0)
    completed_at = models.DateTimeField(_("thời điểm hoàn thành"), null=True, blank=True)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ sau kết luận")
        verbose_name_plural = _("nhiệm vụ sau kết luận")
        ordering = ["notice", "position"]

    def __str__(self):
        return f"{self.heading}: {self.text[:60]}"

    def set_status(self, target: str) -> str:
        return move(self, field="status", target=target, allowed=DIRECTIVE_TRANSITIONS)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DIRECTIVE_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status == DirectiveStatus.DONE

    @property
    def awaits_review(self) -> bool:
        """Reported done by the owner agency: Home Affairs accepts it or asks for more."""
        return self.status == DirectiveStatus.REPORTED_DONE

    @property
    def is_finished(self) -> bool:
        return self.status in (DirectiveStatus.DONE, DirectiveStatus.CANCELLED)

    @property
    def awaits_agency(self) -> bool:
        """Open and with the owner agency: not yet reported done (then it waits for Home Affairs)."""
        return self.status in AGENCY_OPEN_DIRECTIVE_STATUSES

    @property
    def follows_next_conference(self) -> bool:
        return self.deadline_kind == DeadlineRule.NEXT_CONFERENCE

    def deadline_spec(self, issued_on: date | None) -> DeadlineSpec:
        return directive_deadline_spec(
            self.deadline_kind, days=self.deadline_days, fixed=self.deadline_date, issued_on=issued_on
        )


class DirectiveProgress(models.Model):
    directive = models.ForeignKey(
        Directive, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo cáo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("nội dung báo cáo"))
    percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"), default=0)
    # Stored under a neutral name with the extension of the type read from the file's bytes, never the uploader's:
    # a PDF named report.html must not come back as a web page.
    attachment = models.FileField(_("tệp đính kèm"), upload_to="directive-progress/", null=True, blank=True)
    attachment_name = models.CharField(_("tên tệp đính kèm"), max_length=255, blank=True)
    attachment_type = models.CharField(_("kiểu tệp đính kèm"), max_length=100, blank=True)
    reports_completion = models.BooleanField(_("báo cáo đã hoàn thành"), default=False)
    review_comment = models.TextField(_("ý kiến của Nội vụ"), blank=True)
    created_at = models.DateTimeField(_("thời điểm báo cáo"), default=timezone.now)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["directive", "created_at"]

    def __str__(self):
        return f"{self.directive_id}: {self.percent}%"
