"""Forms of the statistics pages: which organising unit to read, and which yearly report to draw."""

from django import forms
from django.utils.translation import gettext_lazy as _


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class StatsUnitForm(forms.Form):
    don_vi = UnitChoiceField(
        label=_("Địa phương tổ chức"),
        queryset=None,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Địa phương này không thuộc phạm vi bạn được xem thống kê.")},
    )

    def __init__(self, data, *, units):
        super().__init__(data)
        self.fields["don_vi"].queryset = units


class YearlyReportForm(forms.Form):
    FORMATS = (("pdf", _("PDF (bản in)")), ("docx", _("Word (DOCX, để chỉnh sửa)")))

    don_vi = UnitChoiceField(
        label=_("Địa phương"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("Bạn chỉ lập được báo cáo của địa phương mình."),
            "required": _("Chọn địa phương."),
        },
    )
    nam = forms.IntegerField(
        label=_("Năm báo cáo"),
        min_value=2021,
        max_value=2100,
        error_messages={
            "required": _("Nhập năm báo cáo."),
            "invalid": _("Năm báo cáo phải là số, ví dụ 2024."),
            "min_value": _("Năm báo cáo từ 2021 (Nghị định 13/2021/NĐ-CP có hiệu lực)."),
            "max_value": _("Năm báo cáo không hợp lệ."),
        },
    )
    dinh_dang = forms.ChoiceField(
        label=_("Định dạng"),
        choices=FORMATS,
        initial="pdf",
        error_messages={"invalid_choice": _("Chọn PDF hoặc DOCX.")},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units
