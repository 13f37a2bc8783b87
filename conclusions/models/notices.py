"""The conclusion notice (TB-UBND): its header and body sections, its number register, the usual recipients."""

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


class NumberSource(models.TextChoices):
    PORTAL = "portal", _("Số tiếp theo của sổ đăng ký trên cổng")
    CLERK = "clerk", _("Số do văn thư cấp (sổ văn thư)")


class NoticeState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SUPERSEDED = "superseded", _("Đã được thay thế")


NOTICE_TRANSITIONS = {
    NoticeState.DRAFT: (NoticeState.ISSUED,),
    NoticeState.ISSUED: (NoticeState.SUPERSEDED,),
    NoticeState.SUPERSEDED: (),
}
# Issued notices and those a correction replaced: the record of what was signed (readable, public, downloadable).
FINAL_NOTICE_STATES = (NoticeState.ISSUED, NoticeState.SUPERSEDED)


class ConclusionNoticeQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(state=NoticeState.ISSUED)

    def final(self):
        """Issued or superseded: signed documents, never a draft."""
        return self.filter(state__in=FINAL_NOTICE_STATES)

    def for_list(self):
        return self.select_related("conference__organising_unit", "issuing_agency").order_by(
            "-conference__year", "conference__title", "-revision"
        )

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
    number_source = models.CharField(
        _("nguồn số văn bản"), max_length=10, choices=NumberSource.choices, blank=True, editable=False
    )
    complex_matters = models.BooleanField(
        _("nội dung phức tạp, nhiều lĩnh vực"),
        default=False,
        help_text=_("Luật Thanh niên: thông báo kết luận trong 10 ngày sau đối thoại, 15 ngày nếu phức tạp."),
    )
    place = models.CharField(_("địa danh"), max_length=100)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    legal_bases = models.TextField(_("căn cứ"), default=LEGAL_BASES_DEFAULT, blank=True)
    opening = models.TextField(_("phần mở đầu"), blank=True)
    # The opening as the portal last drafted it: while `opening` still equals it, the clerk has not edited it and
    # the drafted wording follows the conference's data (a dialogue date set later, petitions added).
    opening_drafted = models.TextField(_("phần mở đầu do cổng soạn"), blank=True, editable=False)
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

    @property
    def is_issued(self) -> bool:
        return self.state == NoticeState.ISSUED

    @property
    def is_superseded(self) -> bool:
        return self.state == NoticeState.SUPERSEDED

    def set_state(self, target: str) -> str:
        return move(self, field="state", target=target, allowed=NOTICE_TRANSITIONS)


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
