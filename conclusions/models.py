from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import AdministrativeUnit, Agency, Conference
from conferences.states import move

LEGAL_BASES_DEFAULT = (
    "Căn cứ Luật Thanh niên ngày 16/6/2020;\n"
    "Căn cứ Nghị định số 13/2021/NĐ-CP ngày 01/3/2021 của Chính phủ quy định về đối thoại với thanh niên; "
    "cơ chế, chính sách và biện pháp thực hiện chính sách đối với thanh niên từ đủ 16 tuổi đến dưới 18 tuổi."
)


class DocumentStyle(models.TextChoices):
    STATE = "state", _("Văn bản hành chính (Nghị định 30/2020/NĐ-CP)")
    PARTY = "party", _("Văn bản của Đảng")


class SignatureAuthority(models.TextChoices):
    NONE = "", _("(Người đứng đầu ký trực tiếp)")
    TM = "TM.", _("TM. – thay mặt tập thể")
    KT = "KT.", _("KT. – ký thay người đứng đầu")
    TL = "TL.", _("TL. – thừa lệnh")
    TUQ = "TUQ.", _("TUQ. – thừa ủy quyền")
    Q = "Q.", _("Q. – quyền")
    PARTY_TM = "T/M", _("T/M – thay mặt (Đảng)")
    PARTY_KT = "K/T", _("K/T – ký thay (Đảng)")


class RecipientPreset(models.Model):
    """The usual "Nơi nhận" list of an organising unit (seed 000 for Lạng Sơn)."""

    organising_unit = models.OneToOneField(
        AdministrativeUnit,
        verbose_name=_("địa phương tổ chức"),
        on_delete=models.CASCADE,
        related_name="recipient_preset",
    )
    lines = models.TextField(_("nơi nhận mặc định"), help_text=_("Mỗi dòng một nơi nhận, không cần dấu gạch đầu dòng."))

    class Meta:
        verbose_name = _("danh sách nơi nhận mặc định")
        verbose_name_plural = _("danh sách nơi nhận mặc định")

    def __str__(self):
        return str(self.organising_unit)


class NoticeState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SUPERSEDED = "superseded", _("Đã được thay thế")


NOTICE_TRANSITIONS = {
    NoticeState.DRAFT: (NoticeState.ISSUED,),
    NoticeState.ISSUED: (NoticeState.SUPERSEDED,),
    NoticeState.SUPERSEDED: (),
}


class ConclusionNoticeQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(state=NoticeState.ISSUED)

    def current_for(self, conference: Conference):
        return self.filter(conference=conference).exclude(state=NoticeState.SUPERSEDED).order_by("-revision").first()


def notice_pdf_path(instance, filename):
    return f"notices/{instance.conference_id}/{filename}"


class ConclusionNotice(models.Model):
    """The chair's conclusion notice (Thông báo kết luận, TB-UBND) with its appendix."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.PROTECT, related_name="notices"
    )
    revision = models.PositiveIntegerField(_("lần ban hành"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("thay thế cho thông báo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    style = models.CharField(_("thể thức"), max_length=10, choices=DocumentStyle.choices, default=DocumentStyle.STATE)
    issuing_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="notices"
    )
    issuing_body_lines = models.TextField(
        _("tên cơ quan ban hành (góc trái)"),
        default="ỦY BAN NHÂN DÂN\nTỈNH",
        help_text=_("Mỗi dòng một dòng chữ in hoa, ví dụ: ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN"),
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="TB-UBND")
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("năm đăng ký số"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=100)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    legal_bases = models.TextField(_("căn cứ"), default=LEGAL_BASES_DEFAULT, blank=True)
    opening = models.TextField(_("phần mở đầu"), blank=True)
    closing_line = models.TextField(
        _("câu kết"), default="Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."
    )
    signature_authority = models.CharField(
        _("thẩm quyền ký"), max_length=5, choices=SignatureAuthority.choices, blank=True, default=SignatureAuthority.TL
    )
    signature_authority_line = models.CharField(
        _("dòng sau thẩm quyền ký"),
        max_length=120,
        blank=True,
        default="CHỦ TỊCH",
        help_text=_("Ví dụ: CHỦ TỊCH (sau TL.), ỦY BAN NHÂN DÂN (sau TM.)"),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, default="CHÁNH VĂN PHÒNG")
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    drafter_code = models.CharField(_("đơn vị soạn thảo, người soạn"), max_length=40, blank=True, default="NC(PVD)")
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    appendix_title = models.CharField(
        _("tên phụ lục"),
        max_length=500,
        default="TỔNG HỢP NỘI DUNG GIẢI ĐÁP CÁC Ý KIẾN, KIẾN NGHỊ, ĐỀ XUẤT CỦA THANH NIÊN",
    )
    appendix_show_agency = models.BooleanField(_("thêm cột cơ quan trả lời"), default=False)
    appendix_landscape = models.BooleanField(
        _("phụ lục in khổ ngang"),
        default=False,
        help_text=_("Nghị định 30/2020: bảng phụ lục có thể trình bày theo chiều ngang khổ A4."),
    )
    state = models.CharField(_("trạng thái"), max_length=20, choices=NoticeState.choices, default=NoticeState.DRAFT)
    lock_version = models.PositiveIntegerField(_("phiên bản nội dung"), default=1, editable=False)
    pdf = models.FileField(_("tệp PDF"), upload_to=notice_pdf_path, null=True, blank=True)
    pdf_sha256 = models.CharField(_("mã băm SHA-256 của tệp PDF"), max_length=64, blank=True)
    docx = models.FileField(_("tệp Word (DOCX)"), upload_to=notice_pdf_path, null=True, blank=True)
    xlsx = models.FileField(_("tệp Excel (XLSX)"), upload_to=notice_pdf_path, null=True, blank=True)
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("thời điểm công bố"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    objects = ConclusionNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo kết luận")
        verbose_name_plural = _("thông báo kết luận")
        ordering = ["conference", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_agency", "symbol", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="notice_number_unique",
            ),
            models.UniqueConstraint(fields=["conference", "revision"], name="notice_revision_unique"),
        ]

    def __str__(self):
        return f"{self.number_label} – {self.conference}"

    @property
    def number_label(self) -> str:
        """'12/TB-UBND' once issued; a draft shows the blank the clerk fills by hand."""
        return f"{self.number}/{self.symbol}" if self.number else f"    /{self.symbol}"

    @property
    def is_draft(self) -> bool:
        return self.state == NoticeState.DRAFT

    def set_state(self, target: str) -> str:
        return move(self, field="state", target=target, allowed=NOTICE_TRANSITIONS)


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

    class Meta:
        verbose_name = _("lượt tạo tệp thông báo")
        verbose_name_plural = _("các lượt tạo tệp thông báo")
        ordering = ["-created_at", "-id"]
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


class NoticeNumberSequence(models.Model):
    """Numbers run per issuing body, symbol and calendar year; the row is locked while a number is taken."""

    issuing_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan ban hành"), on_delete=models.CASCADE, related_name="+"
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["issuing_agency", "symbol", "year"], name="notice_sequence_unique")
        ]

    def __str__(self):
        return f"{self.issuing_agency} {self.symbol} {self.year}: {self.last_number}"


class NoticeSection(models.Model):
    """A numbered part of the notice body: '1. Đối với đội ngũ thanh niên tỉnh', '2. Đối với các sở, ban, ngành'."""

    notice = models.ForeignKey(
        ConclusionNotice, verbose_name=_("thông báo kết luận"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    heading = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(
        _("nội dung"),
        blank=True,
        help_text=_("Văn bản thuần: dòng bắt đầu bằng '1.1.' là mục con, '- ' là gạch đầu dòng."),
    )

    class Meta:
        verbose_name = _("phần của thông báo")
        verbose_name_plural = _("các phần của thông báo")
        ordering = ["notice", "position"]

    def __str__(self):
        return f"{self.position}. {self.heading}"


class DeadlineKind(models.TextChoices):
    NONE = "none", _("Không ấn định thời hạn")
    FIXED_DATE = "fixed_date", _("Ngày cố định")
    WITHIN_YEAR = "within_year", _("Trong năm")
    WORKING_DAYS_AFTER_ISSUE = "working_days", _("Số ngày làm việc kể từ ngày ban hành")
    NEXT_CONFERENCE = "next_conference", _("Tại hội nghị đối thoại năm sau")


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
OPEN_DIRECTIVE_STATUSES = (DirectiveStatus.OPEN, DirectiveStatus.IN_PROGRESS, DirectiveStatus.REPORTED_DONE)


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
        _("loại thời hạn"), max_length=20, choices=DeadlineKind.choices, default=DeadlineKind.NONE
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
    attachment = models.FileField(_("tệp đính kèm"), upload_to="directive-progress/", null=True, blank=True)
    reports_completion = models.BooleanField(_("báo cáo đã hoàn thành"), default=False)
    review_comment = models.TextField(_("ý kiến của Nội vụ"), blank=True)
    created_at = models.DateTimeField(_("thời điểm báo cáo"), default=timezone.now)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["directive", "created_at"]

    def __str__(self):
        return f"{self.directive_id}: {self.percent}%"
