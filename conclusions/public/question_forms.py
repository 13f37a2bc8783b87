"""The public form a young person sends a question with (no account). It validates and cleans; the service
(petitions.questions.sending) checks the limits and stores. A filled honeypot, an oversized text or a bad contact is
refused here with a Vietnamese message and nothing is stored."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.errors import Refused
from conferences.models import TEXT_CHANNELS, AdministrativeUnit, BridgePoint, Conference, MessageChannel
from conferences.notifications.channels import enabled_channels
from conferences.text import fold
from petitions.questions.cleaning import clean_text, normalise_email, normalise_phone
from petitions.questions.models import CONTENT_MAX_CHARS, CONTENT_MIN_CHARS, NAME_MAX_CHARS
from petitions.questions.sending import Submission

HONEYPOT = "website"


@dataclass(frozen=True)
class SiteOption:
    """A site as the form lists it: read as plain values (200 sites on every page view and every post)."""

    pk: int
    name: str
    parent: str = ""  # the commune's district (or province): its name, and as offices write it ('Huyện ...')
    district: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} – {self.parent}" if self.parent else self.name


def site_options(conference: Conference) -> list[SiteOption]:
    """The conference's sites in list order, in one query of values."""
    rows = conference.bridge_points.order_by("position", "name").values_list(
        "pk", "name", "unit__tier", "unit__parent__name", "unit__parent__kind"
    )
    parents: dict[tuple[str, str], str] = {}
    options = []
    for pk, name, tier, parent_name, parent_kind in rows:
        if tier and tier >= 3 and parent_name:
            key = (parent_name, parent_kind)
            if key not in parents:
                parents[key] = AdministrativeUnit(name=parent_name, kind=parent_kind).full_name
            options.append(SiteOption(pk, name, parent_name, parents[key]))
        else:
            options.append(SiteOption(pk, name))
    return options


def site_groups(sites: list[SiteOption]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Sites grouped under their district (or 'province and district level'), in list order."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for site in sites:
        heading = site.district or str(_("Cấp tỉnh, cấp huyện"))
        groups.setdefault(heading, []).append((site.pk, site.label))
    return list(groups.items())


def matching_sites(sites: list[SiteOption], query: str) -> list[SiteOption]:
    """Sites whose name (or district) contains every word of the query, accents ignored: 'hung son' finds
    'Xã Hùng Sơn'."""
    words = fold(query).split()
    if not words:
        return sites
    return [s for s in sites if all(w in fold(f"{s.name} {s.district}") for w in words)]


class QuestionForm(forms.Form):
    content = forms.CharField(
        label=_("Nội dung câu hỏi, kiến nghị"),
        min_length=CONTENT_MIN_CHARS,
        max_length=CONTENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": CONTENT_MAX_CHARS}),
        help_text=_("Viết rõ điều bạn muốn hỏi hoặc đề nghị, tối đa 2.000 ký tự."),
        error_messages={
            "required": _("Hãy nhập nội dung câu hỏi."),
            "min_length": _("Nội dung quá ngắn: cần ít nhất %(limit_value)d ký tự."),
            "max_length": _("Nội dung dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."),
        },
    )
    bridge_point = forms.TypedChoiceField(
        label=_("Xã, phường nơi bạn sống hoặc làm việc"),
        coerce=int,
        error_messages={"required": _("Chọn xã, phường."), "invalid_choice": _("Xã, phường không có trong danh sách.")},
    )
    issue_group = forms.TypedChoiceField(label=_("Nhóm vấn đề (không bắt buộc)"), coerce=int, required=False)
    sender_name = forms.CharField(label=_("Họ và tên (không bắt buộc)"), required=False, max_length=NAME_MAX_CHARS)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Địa chỉ thư điện tử chưa đúng, ví dụ: ten@gmail.com.")},
    )
    phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=20)
    notify_by = forms.ChoiceField(label=_("Nhận mã xác nhận và kết quả qua"), widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=_("Tôi đồng ý để cổng dùng thông tin liên hệ trên như đã nêu."),
        error_messages={"required": _("Hãy đánh dấu đồng ý để gửi câu hỏi.")},
    )
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def __init__(self, *args, conference: Conference, sites: list[SiteOption], shown_sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.groups = {g.pk: g for g in conference.issue_groups.order_by("position", "name")}
        # All sites validate; the search may narrow what is shown.
        self.fields["bridge_point"].choices = [("", _("— Chọn xã, phường —")), *site_groups(sites)]
        self.shown_site_groups = site_groups(shown_sites if shown_sites is not None else sites)
        self.fields["issue_group"].choices = [("", _("— Không chọn —"))] + [
            (g.pk, g.name) for g in self.groups.values()
        ]
        channels = enabled_channels()
        self.fields["notify_by"].choices = [(c, MessageChannel(c).label) for c in channels]
        self.fields["notify_by"].initial = MessageChannel.EMAIL
        self.text_channels = [c for c in channels if c in TEXT_CHANNELS]

    def clean_content(self) -> str:
        text = clean_text(self.cleaned_data["content"])
        if len(text) < CONTENT_MIN_CHARS:
            raise forms.ValidationError(
                _("Nội dung quá ngắn: cần ít nhất %(n)s ký tự."), params={"n": CONTENT_MIN_CHARS}
            )
        return text

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_phone(self) -> str:
        if not self.cleaned_data["phone"].strip():
            return ""
        try:
            return normalise_phone(self.cleaned_data["phone"])
        except Refused as refused:
            raise forms.ValidationError(str(refused)) from None

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT):
            raise forms.ValidationError(
                _("Không gửi được câu hỏi. Nếu trình duyệt tự điền biểu mẫu, hãy tắt tính năng đó rồi gửi lại."),
                code="honeypot",
            )
        channel = data.get("notify_by")
        if channel in TEXT_CHANNELS and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Nhập số điện thoại để nhận mã xác nhận qua tin nhắn."))
        if channel == MessageChannel.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Nhập thư điện tử để nhận liên kết xác nhận, hoặc chọn nhận qua tin nhắn."))
        return data

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            conference=self.conference,
            bridge_point=BridgePoint.objects.select_related("unit").get(pk=data["bridge_point"]),
            issue_group=self.groups.get(data["issue_group"]) if data.get("issue_group") else None,
            content=data["content"],
            sender_name=data["sender_name"],
            email=data["email"],
            phone=data["phone"],
            notify_by=data["notify_by"],
        )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác nhận (6 chữ số)"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}),
        error_messages={"required": _("Nhập mã 6 chữ số."), "min_length": _("Mã gồm 6 chữ số.")},
    )
