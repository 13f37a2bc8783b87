"""The signed PDF upload (notice page) and the file to verify (public page): one PDF, at most UPLOAD_MAX_BYTES."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PdfUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp lớn %(size).1f MB, vượt giới hạn %(max)s MB."),
                params={"size": upload.size / 1024 / 1024, "max": settings.UPLOAD_MAX_BYTES // 1024 // 1024},
            )
        upload.seek(0)
        return upload

    def data_bytes(self) -> bytes:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return upload.read()


class SignedUploadForm(PdfUploadForm):
    file = forms.FileField(
        label=_("Tệp PDF đã ký số"),
        help_text=_(
            "Bản PDF tải từ trang này, đã ký số bằng USB token (VGCA) hoặc phần mềm ký PAdES, không sửa gì thêm."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class VerifyForm(PdfUploadForm):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"})
    )
