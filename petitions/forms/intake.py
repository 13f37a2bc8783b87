"""Forms of the intake journey. They validate (attachments by their bytes, not their names); services act."""

import zipfile

import filetype
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Layout, Row
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.models import AdministrativeUnit, Agency, BridgePoint, Conference, IssueGroup

from ..models import Assignment, Channel, Petition, PetitionStatus
from ..services.intake import CheckedUpload, PartEdit

MAX_ATTACHMENTS = 10
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", DOCX: "docx", XLSX: "xlsx"}
_OFFICE_MARKERS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


def check_attachment(upload) -> CheckedUpload:
    """Read the file's type from its content: a renamed .exe stays an .exe whatever it is called."""
    name = upload.name
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            _("Tệp “%(name)s” lớn %(size).1f MB, vượt giới hạn %(max)s MB."),
            params={"name": name, "size": upload.size / 1024 / 1024, "max": settings.UPLOAD_MAX_BYTES // 1024 // 1024},
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in ("application/zip", DOCX, XLSX):
        # Word and Excel files are zip archives: decide by the part inside, not by the first bytes alone.
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            upload.seek(0)
        mime = next((m for m, marker in _OFFICE_MARKERS.items() if marker in names), None)
    if mime not in ALLOWED_TYPES:
        raise forms.ValidationError(
            _(
                "Tệp “%(name)s” không phải PDF, ảnh (JPG, PNG), Word (.docx) hoặc Excel (.xlsx) "
                "– đã kiểm tra nội dung tệp."
            ),
            params={"name": name},
        )
    return CheckedUpload(
        file=upload, original_name=name, content_type=mime, extension=ALLOWED_TYPES[mime], size=upload.size
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(uploads) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("Tối đa %(n)s tệp mỗi lần."), params={"n": MAX_ATTACHMENTS})
        checked, errors = [], []
        for upload in uploads:
            upload = super().clean(upload, initial)
            try:
                checked.append(check_attachment(upload))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return checked


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site: BridgePoint) -> str:
        if site.unit and site.unit.tier == 3 and site.unit.parent_id:
            return f"{site.name} – {site.unit.parent.name}"
        return site.name


class PetitionForm(forms.ModelForm):
    bridge_point = SiteChoiceField(label=_("Điểm cầu"), queryset=BridgePoint.objects.none())
    attachments = AttachmentsField(
        label=_("Tệp đính kèm"),
        help_text=_("PDF, ảnh JPG/PNG, Word .docx, Excel .xlsx; tối đa 10 MB mỗi tệp."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Petition
        fields = [
            "content",
            "submitting_unit",
            "bridge_point",
            "issue_group",
            "channel",
            "raised_live",
            "submitter_name",
            "submitter_contact",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 5, "autofocus": True}),
            "submitting_unit": forms.TextInput(attrs={"list": "unit-spellings", "autocomplete": "off"}),
        }
        help_texts = {
            "submitter_contact": _("Riêng tư: không hiện trên trang công khai và không xuất ra Excel."),
        }

    def __init__(self, *args, conference: Conference, sites, site_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["bridge_point"].queryset = sites.select_related("unit__parent")
        self.fields["bridge_point"].required = site_required
        self.fields["bridge_point"].empty_label = _("— chọn điểm cầu —")
        self.fields["issue_group"].queryset = conference.issue_groups.order_by("position", "name")
        self.fields["issue_group"].empty_label = _("— chưa phân nhóm —")
        self.fields["channel"].choices = Channel.choices
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("content", css_class="js-similar-source"),
            Row(Column("bridge_point", css_class="col-md-6"), Column("issue_group", css_class="col-md-6")),
            Row(Column("submitting_unit", css_class="col-12")),
            # Wide enough for the longest channel ("Phương tiện thông tin đại chúng") on every screen.
            Row(
                Column("channel", css_class="col-md-7"),
                Column("raised_live", css_class="col-md-5 pt-md-4"),
            ),
            HTML('{% include "petitions/petition_form_parts.html" %}'),
            Row(Column("submitter_name", css_class="col-md-6"), Column("submitter_contact", css_class="col-md-6")),
            "attachments",
            "version",
        )

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) < 10:
            raise forms.ValidationError(_("Nội dung kiến nghị quá ngắn."))
        return content

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SubQuestionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    content = forms.CharField(label=_("Câu hỏi thành phần"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BaseSubQuestionFormSet(forms.BaseFormSet):
    def parts(self) -> list[PartEdit]:
        return [
            PartEdit(
                pk=form.cleaned_data.get("id"),
                content=form.cleaned_data.get("content", ""),
                delete=form.cleaned_data.get("DELETE", False),
            )
            for form in self.forms
            if form.cleaned_data
        ]

    def contents(self) -> list[str]:
        return [p.content for p in self.parts() if not p.delete and p.content.strip()]


SubQuestionFormSet = forms.formset_factory(
    SubQuestionForm, formset=BaseSubQuestionFormSet, extra=0, can_delete=True, max_num=20, validate_max=True
)


class PetitionFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False)
    group = forms.ModelChoiceField(label=_("Nhóm vấn đề"), queryset=IssueGroup.objects.none(), required=False)
    site = SiteChoiceField(label=_("Điểm cầu"), queryset=BridgePoint.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("Địa bàn"), queryset=AdministrativeUnit.objects.none(), required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    agency = forms.ModelChoiceField(label=_("Cơ quan trả lời"), queryset=Agency.objects.none(), required=False)
    overdue = forms.BooleanField(label=_("Quá hạn trả lời"), required=False)

    def __init__(self, *args, conference: Conference, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = conference.issue_groups.order_by("position", "name")
        self.fields["site"].queryset = sites.select_related("unit__parent")
        # Areas: the units of the province/district sites the user can see (a district and all its communes).
        self.fields["unit"].queryset = AdministrativeUnit.objects.filter(
            pk__in=sites.filter(unit__tier__lt=3).values("unit_id")
        ).order_by("tier", "name")
        self.fields["status"].choices = [("", _("Chưa gộp (mặc định)")), *PetitionStatus.choices]
        for name in ("group", "site", "unit", "status", "agency"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
            if name != "status":
                self.fields[name].empty_label = _("Tất cả")
        # An EXISTS per agency, not a join with every assignment of the conference (that grows with the data).
        assigned = Assignment.objects.filter(lead_agency=OuterRef("pk"), petition__conference=conference)
        self.fields["agency"].queryset = (
            Agency.objects.answering()
            .filter(Q(unit__path__startswith=conference.organising_unit.path) | Exists(assigned))
            .order_by("name")
        )

    def apply(self, petitions):
        """Narrow a (visible) queryset by the chosen filters; merged petitions only when asked for."""
        data = self.cleaned_data if self.is_valid() else {}
        petitions = petitions.filter(status=data["status"]) if data.get("status") else petitions.not_merged()
        if data.get("q"):
            query = data["q"].strip()
            petitions = petitions.filter(number=int(query)) if query.isdigit() else petitions.search(query)
        if data.get("group"):
            petitions = petitions.filter(issue_group=data["group"])
        if data.get("site"):
            petitions = petitions.filter(bridge_point=data["site"])
        if data.get("unit"):
            petitions = petitions.filter(bridge_point__unit__path__startswith=data["unit"].path)
        if data.get("agency"):
            petitions = petitions.handled_by(data["agency"])
        if data.get("overdue"):
            petitions = petitions.overdue_on(timezone.localdate())
        return petitions

    def active_filters(self) -> bool:
        return self.is_valid() and any(v for v in self.cleaned_data.values())


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Tối đa 10 MB và 5.000 dòng. Dùng tệp mẫu hoặc bảng có các cột TT, Nội dung kiến nghị, Đơn vị."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Gộp vào kiến nghị số"), min_value=1)


class IntakeSubmitForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
