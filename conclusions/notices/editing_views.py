"""Editing a draft notice: its header fields, its sections and its tasks. Only a draft's editors get here (the
getter answers 403 otherwise); a save against an older version of the notice is refused and the form keeps what
the clerk typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from conferences.errors import Conflict, Refused
from conferences.models import Agency

from ..models import ConclusionNotice
from ..permissions import can_edit_notice, notice_for, notice_section_for, notice_task_for
from .editing import (
    directive_delete,
    directive_save,
    notice_section_delete,
    notice_section_move,
    notice_section_save,
    notice_update,
)
from .forms import DirectiveForm, NoticeForm, SectionForm, VersionedForm


def show_refusal(request, form, exc: Refused) -> None:
    """The service's message on the form; a concurrent edit also says the typed text was not saved."""
    form.add_error(None, str(exc))
    if isinstance(exc, Conflict):
        messages.warning(request, _("Có thay đổi mới của người khác. Nội dung bạn nhập chưa được lưu."))


def _editable(request, pk) -> ConclusionNotice:
    return notice_for(request.user, pk, may=can_edit_notice)


def _to_body(notice: ConclusionNotice):
    return redirect(reverse("conclusions:notice_detail", args=[notice.pk]) + "#noi-dung")


def _agencies_for(notice: ConclusionNotice):
    """Agencies of the notice's province: the ones a task can be given to."""
    root = notice.conference.organising_unit.path.strip("/").split("/")[0]
    return Agency.objects.filter(unit__path__startswith=f"/{root}/").select_related("unit").order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def notice_edit(request, pk):
    notice = _editable(request, pk)
    form = NoticeForm(request.POST or None, instance=ConclusionNotice.objects.get(pk=notice.pk))
    if request.method == "POST" and form.is_valid():
        try:
            notice_update(
                notice=notice,
                changes=form.changes(),
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except Refused as exc:
            show_refusal(request, form, exc)
        else:
            messages.success(request, _("Đã lưu thông báo."))
            return redirect("conclusions:notice_detail", pk=notice.pk)
    return render(request, "conclusions/notice_edit.html", {"notice": notice, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk, section_pk=None):
    notice = _editable(request, pk)
    section = notice_section_for(notice, section_pk) if section_pk else None
    initial = {"lock_version": notice.lock_version}
    if section:
        initial.update(heading=section.heading, body=section.body)
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            notice_section_save(
                notice=notice,
                section=section,
                heading=form.cleaned_data["heading"],
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except Refused as exc:
            show_refusal(request, form, exc)
        else:
            messages.success(request, _("Đã lưu phần của thông báo."))
            return _to_body(notice)
    return render(request, "conclusions/notice_section_form.html", {"notice": notice, "section": section, "form": form})


@login_required
@require_POST
def section_delete(request, pk, section_pk):
    notice = _editable(request, pk)
    section = notice_section_for(notice, section_pk)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thiếu phiên bản của thông báo; hãy tải lại trang."))
        return _to_body(notice)
    try:
        notice_section_delete(section=section, expected_version=form.cleaned_data["lock_version"], actor=request.user)
        messages.success(request, _("Đã xóa phần “%(heading)s”.") % {"heading": section.heading})
    except Refused as exc:
        messages.error(request, str(exc))
    return _to_body(notice)


@login_required
@require_POST
def section_move(request, pk, section_pk, direction):
    notice = _editable(request, pk)
    section = notice_section_for(notice, section_pk)
    form = VersionedForm(request.POST)
    if form.is_valid():
        try:
            notice_section_move(
                section=section,
                offset=-1 if direction == "len" else 1,
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except Refused as exc:
            messages.error(request, str(exc))
    return _to_body(notice)


def _directive_initial(notice, directive) -> dict:
    initial = {"lock_version": notice.lock_version, "deadline_kind": "none"}
    if directive:
        initial.update(
            agency=directive.agency_id,
            heading=directive.heading,
            text=directive.text,
            deadline_kind=directive.deadline_kind,
            deadline_days=directive.deadline_days,
            deadline_date=directive.deadline_date,
        )
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def directive_edit(request, pk, section_pk=None, directive_pk=None):
    notice = _editable(request, pk)
    directive = notice_task_for(notice, directive_pk) if directive_pk else None
    section = directive.section if directive else notice_section_for(notice, section_pk)
    if section is None:  # a task outside any section (admin-made) is not edited here
        raise Http404
    data = request.POST or None
    form = DirectiveForm(data, initial=_directive_initial(notice, directive), agencies=_agencies_for(notice))
    if request.method == "POST" and form.is_valid():
        try:
            directive_save(
                notice=notice,
                section=section,
                directive=directive,
                data=form.data_for_service(),
                expected_version=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except Refused as exc:
            show_refusal(request, form, exc)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return _to_body(notice)
    return render(
        request,
        "conclusions/notice_directive_form.html",
        {"notice": notice, "section": section, "directive": directive, "form": form},
    )


@login_required
@require_POST
def directive_remove(request, pk, directive_pk):
    notice = _editable(request, pk)
    directive = notice_task_for(notice, directive_pk)
    form = VersionedForm(request.POST)
    if form.is_valid():
        try:
            directive_delete(
                directive=directive, expected_version=form.cleaned_data["lock_version"], actor=request.user
            )
            messages.success(request, _("Đã xóa nhiệm vụ."))
        except Refused as exc:
            messages.error(request, str(exc))
    return _to_body(notice)
