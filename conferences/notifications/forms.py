from django import forms
from django.utils.translation import gettext_lazy as _


class DigestOnlyForm(forms.Form):
    digest_only = forms.BooleanField(
        label=_("Chỉ nhận thư tổng hợp hằng ngày"),
        required=False,
        help_text=_(
            "Không gửi thư ngay khi được giao việc hoặc bị trả lại; các việc đó có trong thư tổng hợp buổi sáng. "
            "Thông báo trong hệ thống vẫn hiện như thường."
        ),
    )
