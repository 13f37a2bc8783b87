"""The appendices of a notice (Phụ lục I, II, ...): which petitions each lists, grouped or flat, in which order, and
how its reference line is worded (Decree 30/2020 "Kèm theo ..." or seed 003's "Ban hành kèm theo ...")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from conferences.models import IssueGroup

from .notices import ConclusionNotice

DEFAULT_APPENDIX_TITLE = "TỔNG HỢP NỘI DUNG GIẢI ĐÁP CÁC Ý KIẾN, KIẾN NGHỊ, ĐỀ XUẤT CỦA THANH NIÊN"


class AppendixOrder(models.TextChoices):
    GROUP = "group", _("Theo nhóm vấn đề, trong nhóm theo số thứ tự kiến nghị")
    NUMBER = "number", _("Theo số thứ tự kiến nghị")
    CHOSEN = "chosen", _("Theo thứ tự tự nhập")


class AppendixReference(models.TextChoices):
    ATTACHED = "attached", _("(Kèm theo Thông báo số … ngày … của …) – Nghị định 30/2020")
    ISSUED_WITH = "issued_with", _("(Ban hành kèm theo Thông báo số: … ngày … của …)")


class NoticeAppendix(models.Model):
    """One appendix of a notice. Petitions go to the appendices that name their issue group; an appendix that names
    none takes the petitions no other appendix takes."""

    notice = models.ForeignKey(
        ConclusionNotice, verbose_name=_("thông báo kết luận"), on_delete=models.CASCADE, related_name="appendices"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    title = models.CharField(_("tên phụ lục"), max_length=500, default=DEFAULT_APPENDIX_TITLE)
    grouped = models.BooleanField(
        _("chia theo nhóm vấn đề"),
        default=True,
        help_text=_("Bỏ chọn để in một bảng liền, không có dòng nhóm I., II., III. (như phụ lục của Tràng Định)."),
    )
    order = models.CharField(
        _("thứ tự các dòng"), max_length=10, choices=AppendixOrder.choices, default=AppendixOrder.GROUP
    )
    row_order = models.TextField(
        _("thứ tự tự nhập"),
        blank=True,
        help_text=_("Số thứ tự các kiến nghị theo thứ tự muốn in, cách nhau bằng dấu phẩy, ví dụ: 3, 1, 2."),
    )
    issue_groups = models.ManyToManyField(
        IssueGroup,
        verbose_name=_("chỉ gồm các nhóm vấn đề"),
        blank=True,
        related_name="+",
        help_text=_("Để trống: gồm mọi kiến nghị không thuộc phụ lục khác."),
    )
    reference_wording = models.CharField(
        _("dòng tham chiếu"), max_length=20, choices=AppendixReference.choices, default=AppendixReference.ATTACHED
    )
    reference_issuer = models.CharField(
        _("cơ quan ghi ở dòng tham chiếu"),
        max_length=200,
        blank=True,
        help_text=_("Để trống: tên viết tắt của cơ quan ban hành (ví dụ UBND tỉnh Lạng Sơn); có nơi ghi “UBND huyện”."),
    )
    show_agency = models.BooleanField(_("thêm cột cơ quan trả lời"), default=False)
    landscape = models.BooleanField(
        _("in khổ ngang"),
        default=False,
        help_text=_("Nghị định 30/2020: bảng phụ lục có thể trình bày theo chiều ngang khổ A4."),
    )

    class Meta:
        verbose_name = _("phụ lục của thông báo")
        verbose_name_plural = _("phụ lục của thông báo")
        ordering = ["notice", "position"]
        constraints = [models.UniqueConstraint(fields=["notice", "position"], name="notice_appendix_position_unique")]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def chosen_numbers(self) -> list[int]:
        """The petition numbers typed in `row_order` (the service checked them when it was saved)."""
        return [int(part) for part in self.row_order.replace(";", ",").split(",") if part.strip().isdigit()]
