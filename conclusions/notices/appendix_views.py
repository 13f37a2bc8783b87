"""Editing a draft's appendices (Phụ lục I, II, ...): one page to add or change one, a button to remove one. Only a
draft's editors get here (the getter answers 403 otherwise); a save against an older version is refused and the
form keeps what the clerk typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from conferences.errors import Refused

from ..models import NoticeAppendix
from ..permissions import can_edit_notice, notice_appendix_for, notice_for
from .appendices import notice_appendix_delete, notice_appendix_save
from .drafting import drafted_appendix_title
from .editing_views import show_refusal
from .forms import AppendixForm, VersionedForm


def _to_appendix(notice):
    return redirect(reverse("conclusions:notice_detail", args=[notice.pk]) + "#phu-luc")


@login_required
@require_http_methods(["GET", "POST"])
def appendix_edit(request, pk, appendix_pk=None):
    notice = notice_for(request.user, pk, may=can_edit_notice)
    appendix = notice_appendix_for(notice, appendix_pk) if appendix_pk else None
    instance = appendix or NoticeAppendix(notice=notice, title=drafted_appendix_title(notice.conference))
    form = AppendixForm(
        request.POST or None,
        instance=instance,
        conference=notice.conference,
        initial={"lock_version": notice.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            notice_appendix_save(
                notice=notice,
                appendix=appendix,
                values=form.values(),
                issue_groups=list(form.cleaned_data["issue_groups"]),
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except Refused as exc:
            show_refusal(request, form, exc)
        else:
            messages.success(request, _("Đã lưu phụ lục."))
            return _to_appendix(notice)
    return render(
        request, "conclusions/notice_appendix_form.html", {"notice": notice, "appendix": appendix, "form": form}
    )


@login_required
@require_POST
def appendix_delete(request, pk, appendix_pk):
    notice = notice_for(request.user, pk, may=can_edit_notice)
    appendix = notice_appendix_for(notice, appendix_pk)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thiếu phiên bản của thông báo; hãy tải lại trang."))
        return _to_appendix(notice)
    try:
        notice_appendix_delete(
            appendix=appendix, expected_version=form.cleaned_data["lock_version"], actor=request.user
        )
        messages.success(request, _("Đã xóa phụ lục."))
    except Refused as exc:
        messages.error(request, str(exc))
    return _to_appendix(notice)
