"""Admin pages of the seals and trust roots: an administrator uploads a body's PKCS#12 with its password, or a root
certificate (PEM); both go through the services the demo loader uses (seal_install, trust_root_add)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from conferences.errors import Refused

from ..models import IssuingSeal, SignedCopy, TrustRoot
from .seal import seal_check, seal_install
from .trust import trust_root_add


class SealForm(forms.ModelForm):
    pkcs12_file = forms.FileField(label=_("Tệp PKCS#12 (.p12, .pfx)"))
    password = forms.CharField(label=_("Mật khẩu của tệp"), widget=forms.PasswordInput, required=False)

    class Meta:
        model = IssuingSeal
        fields = ["agency", "seal_name"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("pkcs12_file")
        if upload is not None:
            cleaned["pkcs12_data"] = upload.read()
            try:
                seal_check(pkcs12_data=cleaned["pkcs12_data"], password=cleaned.get("password") or "")
            except Refused as refused:
                self.add_error("pkcs12_file", str(refused))
        return cleaned


@admin.register(IssuingSeal)
class IssuingSealAdmin(admin.ModelAdmin):
    form = SealForm
    list_display = ["agency", "subject", "not_after", "is_demo", "installed_at"]
    readonly_fields = ["subject", "issuer", "fingerprint", "not_after", "is_demo", "installed_at"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        seal = seal_install(
            agency=data["agency"],
            pkcs12_data=data["pkcs12_data"],
            password=data.get("password") or "",
            seal_name=data.get("seal_name") or "",
            actor=request.user,
        )
        obj.pk = seal.pk
        obj.refresh_from_db()


class TrustRootForm(forms.ModelForm):
    class Meta:
        model = TrustRoot
        fields = ["name", "certificate_pem"]


@admin.register(TrustRoot)
class TrustRootAdmin(admin.ModelAdmin):
    form = TrustRootForm
    list_display = ["name", "fingerprint", "is_demo", "added_at"]

    def save_model(self, request, obj, form, change):
        root = trust_root_add(
            name=form.cleaned_data["name"], certificate_pem=form.cleaned_data["certificate_pem"], actor=request.user
        )
        obj.pk = root.pk
        obj.refresh_from_db()


@admin.register(SignedCopy)
class SignedCopyAdmin(admin.ModelAdmin):
    list_display = ["notice", "source", "sha256", "created_at", "created_by"]
    list_filter = ["source"]
    readonly_fields = ["notice", "source", "file", "sha256", "signers", "created_at", "created_by"]

    def has_add_permission(self, request):
        return False
