"""Forms of the conference set-up (Home Affairs). They validate; services act."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AdministrativeUnit, BridgePoint, BridgePointKind, Conference, ConferenceStatus
from .permissions import organisers_for, units_for_new_conference
from .services import CONFERENCE_FIELDS, LEVEL_BY_TIER, conference_date_warnings, organising_unit_problem


class DateInput(forms.DateInput):
    """Typed as dd/mm/yyyy whatever the browser's language (a native date picker follows the OS locale)."""

    def __init__(self, attrs=None):
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs=attrs, format="%d/%m/%Y")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: AdministrativeUnit) -> str:
        indent = "\u2003" * (unit.tier - 1)
        era = ""
        if unit.valid_to:
            era = _(" (đến %(d)s)") % {"d": unit.valid_to.strftime("%d/%m/%Y")}
        elif unit.valid_from:
            era = _(" (từ %(d)s)") % {"d": unit.valid_from.strftime("%d/%m/%Y")}
        return f"{indent}{unit.full_name}{era}"


def units_by_validity(field: UnitChoiceField, units, day) -> list:
    """The choices in two groups: units valid on `day` first (the map of the conference's date), then the others
    (abolished, or not formed yet), which the form refuses for that date with the reason."""
    valid, others = [], []
    for unit in units:
        choice = (field.prepare_value(unit), field.label_from_instance(unit))
        (valid if unit.is_valid_on(day) else others).append(choice)
    groups = [("", field.empty_label)]
    if valid:
        groups.append((_("Đơn vị hành chính ngày %(d)s") % {"d": day.strftime("%d/%m/%Y")}, valid))
    if others:
        groups.append((_("Đơn vị đã giải thể hoặc chưa thành lập vào ngày này"), others))
    return groups


class ConferenceForm(forms.ModelForm):
    organising_unit = UnitChoiceField(label=_("Địa phương tổ chức"), queryset=AdministrativeUnit.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    generate_sites = forms.BooleanField(
        label=_("Tạo điểm cầu theo bản đồ hành chính ngay"),
        required=False,
        initial=True,
        help_text=_("Tỉnh + huyện + xã trước 01/07/2025; tỉnh + xã từ 01/07/2025. Sửa được sau."),
    )
    acknowledge_warnings = forms.BooleanField(
        label=_("Tôi đã đọc các lưu ý về thời hạn ở trên và vẫn muốn lưu"), required=False
    )

    class Meta:
        model = Conference
        fields = CONFERENCE_FIELDS
        widgets = {
            "planned_date": DateInput(),
            "held_on": DateInput(),
            "plan_date": DateInput(),
            "plan_published_on": DateInput(),
            "site_intake_deadline": DateInput(),
            "union_intake_deadline": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 4}),
            "provincial_attendees": forms.Textarea(attrs={"rows": 2}),
            "theme": forms.TextInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings = []
        self.fields["organising_unit"].queryset = units_for_new_conference(user)
        self.fields["organiser"].queryset = organisers_for(user)
        self.fields["organising_unit"].empty_label = _("— chọn địa phương —")
        self.fields["organiser"].empty_label = _("— chọn cơ quan —")
        self.fields["level"].choices = [("", _("— chọn cấp —")), *self.fields["level"].choices[1:]]
        self.fields["planned_date"].required = True
        unit_field = self.fields["organising_unit"]
        unit_field.choices = units_by_validity(unit_field, unit_field.queryset, self._map_day())
        if self.instance.pk:
            del self.fields["generate_sites"]
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["held_on"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            # The date notes and their "I have read them" box first, next to the error that asks for the tick.
            HTML('{% include "conferences/_date_warnings_ack.html" %}'),
            Fieldset(
                _("Hội nghị"),
                Row(
                    Column("organising_unit", css_class="col-md-6"),
                    Column("level", css_class="col-md-3"),
                    Column("year", css_class="col-md-3"),
                ),
                "organiser",
                "title",
                "theme",
                Row(Column("chair_name", css_class="col-md-6"), Column("chair_title", css_class="col-md-6")),
                Row(
                    Column("form", css_class="col-md-4"),
                    Column("planned_date", css_class="col-md-4"),
                    *([Column("held_on", css_class="col-md-4")] if "held_on" in self.fields else []),
                ),
            ),
            Fieldset(
                _("Kế hoạch và thời hạn tiếp nhận"),
                Row(
                    Column("plan_number", css_class="col-md-4"),
                    Column("plan_date", css_class="col-md-4"),
                    Column("plan_published_on", css_class="col-md-4"),
                ),
                Row(
                    Column("site_intake_deadline", css_class="col-md-6"),
                    Column("union_intake_deadline", css_class="col-md-6"),
                ),
            ),
            Fieldset(_("Thành phần"), "participants", "provincial_attendees"),
            *(["generate_sites"] if "generate_sites" in self.fields else []),
            "version",
        )

    def _map_day(self):
        """The conference's date as far as the form knows it (what was typed, the saved one, or today)."""
        typed = self.data.get(self.add_prefix("planned_date")) if self.is_bound else None
        if typed:
            try:
                return self.fields["planned_date"].clean(typed)
            except forms.ValidationError:
                pass
        return self.instance.dialogue_date or timezone.localdate()

    def clean(self):
        data = super().clean()
        unit, level = data.get("organising_unit"), data.get("level")
        problem = organising_unit_problem(unit, data.get("held_on") or data.get("planned_date"))
        if problem:
            self.add_error("organising_unit", problem)
        if unit and level and LEVEL_BY_TIER.get(unit.tier) != level:
            self.add_error(
                "level",
                _("Cấp tổ chức không khớp với địa phương: %(unit)s là đơn vị %(tier)s.")
                % {"unit": unit.full_name, "tier": LEVEL_BY_TIER[unit.tier].label.lower()},
            )
        planned = data.get("planned_date")
        if planned and data.get("year") and planned.year != data["year"]:
            self.add_error("year", _("Năm không khớp với ngày dự kiến tổ chức (%(y)s).") % {"y": planned.year})
        if data.get("plan_published_on") and data.get("plan_date") and data["plan_published_on"] < data["plan_date"]:
            self.add_error("plan_published_on", _("Ngày công bố không thể trước ngày ban hành kế hoạch."))
        if self.errors:
            return data
        self.warnings = conference_date_warnings(
            planned_date=planned,
            held_on=data.get("held_on"),
            plan_date=data.get("plan_date"),
            plan_published_on=data.get("plan_published_on"),
            site_intake_deadline=data.get("site_intake_deadline"),
            union_intake_deadline=data.get("union_intake_deadline"),
        )
        # Never silently: a save with notes needs the user's explicit "I have read them".
        if self.warnings and not data.get("acknowledge_warnings"):
            raise forms.ValidationError(
                _("Vui lòng đọc các lưu ý về thời hạn và đánh dấu xác nhận trước khi lưu."), code="unacknowledged"
            )
        return data

    def service_values(self) -> dict:
        return {field: self.cleaned_data[field] for field in CONFERENCE_FIELDS if field in self.cleaned_data}


class StatusForm(forms.Form):
    target = forms.ChoiceField(choices=ConferenceStatus.choices)
    held_on = forms.DateField(label=_("Ngày tổ chức"), required=False, widget=DateInput())


class BridgePointForm(forms.ModelForm):
    unit = UnitChoiceField(
        label=_("Đơn vị hành chính"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        help_text=_("Để trống với điểm cầu không gắn với một đơn vị (ví dụ: trường học, doanh nghiệp)."),
    )

    class Meta:
        model = BridgePoint
        fields = ["name", "kind", "unit", "moderator"]

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdministrativeUnit.objects.within(conference.organising_unit).order_by("path")
        self.fields["kind"].initial = BridgePointKind.COMMUNE
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("kind", css_class="col-md-6")),
            Row(Column("unit", css_class="col-md-6"), Column("moderator", css_class="col-md-6")),
            Submit("save", _("Lưu điểm cầu")),
        )


class IssueGroupForm(forms.Form):
    name = forms.CharField(label=_("Tên nhóm vấn đề"), max_length=200)
