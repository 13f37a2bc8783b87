"""The intake journey: Youth Union staff log and import petitions, Home Affairs lists, searches and merges them.

Every view: authorize and fetch (404 outside the user's scope, 403 for a visible object the role may not change),
call one service, render or redirect.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conferences.audit import history_for
from conferences.models import Conference, ConferenceStatus
from conferences.permissions import conferences_visible_to, role_of
from conferences.services import ActionRefused
from conferences.states import IllegalTransition

from .. import exporting, importing
from ..forms.intake import (
    ImportUploadForm,
    IntakeSubmitForm,
    MergeForm,
    PetitionFilterForm,
    PetitionForm,
    SubQuestionFormSet,
)
from ..models import ImportBatch, ImportBatchStatus, Petition, PetitionAttachment, PetitionStatus
from ..permissions import (
    can_edit_petition,
    can_log_petitions,
    can_merge_petitions,
    can_submit_intake,
    can_view_contact,
    intake_sites_for,
    petitions_visible_to,
    sites_visible_to,
)
from ..services import intake as services
from ..similarity import similar_petitions

PAGE_SIZE = 50


def _conference_for(request, slug: str) -> Conference:
    conference = get_object_or_404(Conference.objects.select_related("organising_unit"), slug=slug)
    if role_of(request.user) is None or not conferences_visible_to(request.user).filter(pk=conference.pk).exists():
        raise Http404
    return conference


def _petition_for(request, pk: int) -> Petition:
    """A petition the user may read, or 404 (another district's petition does not exist for them)."""
    petitions = petitions_visible_to(request.user).select_related(
        "conference__organising_unit", "bridge_point__unit", "issue_group", "duplicate_of", "created_by"
    )
    return get_object_or_404(petitions, pk=pk)


@login_required
def petition_index(request):
    """Where the petitions are: the conferences of the user's area, with the petitions they can see in each."""
    counts = dict(
        petitions_visible_to(request.user)
        .not_merged()
        .order_by()
        .values("conference")
        .annotate(n=Count("id"))
        .values_list("conference", "n")
    )
    conferences = list(
        conferences_visible_to(request.user).select_related("organising_unit").order_by("-year", "title")
    )
    for conference in conferences:
        conference.visible_petitions = counts.get(conference.pk, 0)
    return render(request, "petitions/petition_index.html", {"conferences": conferences})


@login_required
def petition_list(request, slug):
    conference = _conference_for(request, slug)
    sites = sites_visible_to(request.user, conference)
    filters = PetitionFilterForm(request.GET or None, conference=conference, sites=sites)
    visible = filters.apply(petitions_visible_to(request.user, conference))
    page = Paginator(visible.for_intake_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    counts = visible.count_by_issue_group()
    for petition in page:
        petition.group_total = counts.get(petition.issue_group_id, 0)
    groups = [(g, counts.get(g.pk, 0)) for g in conference.issue_groups.order_by("position", "name")]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/petition_list.html",
        {
            "conference": conference,
            "filters": filters,
            "page": page,
            "groups": groups,
            "ungrouped": counts.get(None, 0),
            "total": sum(counts.values()),
            "querystring": query.urlencode(),
            "today": timezone.localdate(),
            "can_log": can_log_petitions(request.user, conference),
            "can_submit": can_submit_intake(request.user, conference),
        },
    )


@login_required
def petition_export(request, slug):
    conference = _conference_for(request, slug)
    filters = PetitionFilterForm(
        request.GET or None, conference=conference, sites=sites_visible_to(request.user, conference)
    )
    petitions = filters.apply(petitions_visible_to(request.user, conference)).for_intake_list().with_merged_units()
    content = exporting.petitions_workbook(conference=conference, petitions=petitions)
    response = HttpResponse(content, content_type=importing.XLSX_TYPE)
    filename = f"kien-nghi-{conference.slug}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _unit_spellings(user) -> list[str]:
    return petitions_visible_to(user).unit_spellings()


@login_required
def petition_create(request, slug):
    conference = _conference_for(request, slug)
    if not can_log_petitions(request.user, conference):
        raise PermissionDenied
    sites = intake_sites_for(request.user, conference)
    site_required = role_of(request.user) == "youth_union"
    # "Save and add another" comes back here with the site, group and channel of the previous entry.
    initial = {key: request.GET[key] for key in ("bridge_point", "issue_group", "channel") if request.GET.get(key)}
    form = PetitionForm(
        request.POST or None,
        request.FILES or None,
        conference=conference,
        sites=sites,
        site_required=site_required,
        initial=initial,
    )
    parts = SubQuestionFormSet(request.POST or None, prefix="parts")
    if request.method == "POST" and form.is_valid() and parts.is_valid():
        try:
            petition = services.petition_create(
                conference=conference,
                actor=request.user,
                values=form.service_values(),
                sub_questions=parts.contents(),
                attachments=form.cleaned_data["attachments"],
            )
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("Đã ghi kiến nghị số %(n)s (%(unit)s).") % {"n": petition.number, "unit": petition.submitting_unit},
            )
            if "save_and_add" in request.POST:
                keep = {
                    "bridge_point": petition.bridge_point_id or "",
                    "issue_group": petition.issue_group_id or "",
                    "channel": petition.channel,
                }
                return redirect(f"{reverse('petitions:create', args=[conference.slug])}?{urlencode(keep)}")
            return redirect(petition)
    return render(
        request,
        "petitions/petition_form.html",
        {
            "conference": conference,
            "form": form,
            "parts": parts,
            "petition": None,
            "unit_spellings": _unit_spellings(request.user),
        },
    )


@login_required
def petition_similar(request, slug):
    """Similar petitions of the conference the user can see, for the panel next to the form (JSON)."""
    conference = _conference_for(request, slug)
    text = request.GET.get("q", "")[:5000]
    exclude = request.GET.get("exclude")
    matches = []
    if len(text.strip()) >= 15:
        matches = similar_petitions(
            petitions_visible_to(request.user, conference).not_merged(),
            text,
            exclude_pk=int(exclude) if exclude and exclude.isdigit() else None,
        )
    return JsonResponse(
        {
            "results": [
                {
                    "number": m.petition.number,
                    "url": m.petition.get_absolute_url(),
                    "content": m.petition.content[:220],
                    "unit": m.petition.submitting_unit,
                    "site": m.petition.bridge_point.name if m.petition.bridge_point else "",
                    "percent": m.percent,
                }
                for m in matches
            ]
        }
    )


@login_required
def petition_detail(request, pk):
    petition = _petition_for(request, pk)
    conference = petition.conference
    duplicates = petition.duplicates.order_by("number")
    can_merge = can_merge_petitions(request.user, conference)
    similar = []
    if can_merge and petition.status != PetitionStatus.MERGED:
        similar = similar_petitions(
            petitions_visible_to(request.user, conference).not_merged(), petition.search_text, exclude_pk=petition.pk
        )
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "conference": conference,
            "parts": petition.sub_questions.all(),
            "attachments": petition.attachments.all(),
            "duplicates": duplicates,
            "units": [petition.submitting_unit, *[d.submitting_unit for d in duplicates]],
            "similar": similar,
            "can_edit": can_edit_petition(request.user, petition),
            "can_merge": can_merge,
            "can_view_contact": can_view_contact(request.user, petition),
            "merge_form": MergeForm(),
            "history": history_for(petition)[:20],
        },
    )


@login_required
def petition_edit(request, pk):
    petition = _petition_for(request, pk)
    if not can_edit_petition(request.user, petition):
        raise PermissionDenied
    conference = petition.conference
    sites = intake_sites_for(request.user, conference)
    if petition.bridge_point_id and not sites.filter(pk=petition.bridge_point_id).exists():
        sites = conference.bridge_points.filter(pk=petition.bridge_point_id) | sites
    form = PetitionForm(
        request.POST or None,
        request.FILES or None,
        instance=petition,
        conference=conference,
        sites=sites,
        site_required=role_of(request.user) == "youth_union",
    )
    initial = [{"id": sq.pk, "content": sq.content} for sq in petition.sub_questions.all()]
    parts = SubQuestionFormSet(request.POST or None, prefix="parts", initial=initial)
    if request.method == "POST" and form.is_valid() and parts.is_valid():
        try:
            petition = services.petition_update(
                petition=petition,
                actor=request.user,
                values=form.service_values(),
                parts=parts.parts(),
                version=form.cleaned_data["version"] or 0,
                attachments=form.cleaned_data["attachments"],
                remove_attachments=[int(x) for x in request.POST.getlist("remove_attachment") if x.isdigit()],
            )
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Đã lưu kiến nghị số %(n)s.") % {"n": petition.number})
            return redirect(petition)
    return render(
        request,
        "petitions/petition_form.html",
        {
            "conference": conference,
            "form": form,
            "parts": parts,
            "petition": petition,
            "attachments": petition.attachments.all(),
            "unit_spellings": _unit_spellings(request.user),
        },
    )


@login_required
@require_POST
def petition_merge(request, pk):
    duplicate = _petition_for(request, pk)
    if not can_merge_petitions(request.user, duplicate.conference):
        raise PermissionDenied
    form = MergeForm(request.POST)
    into = None
    if form.is_valid():
        into = petitions_visible_to(request.user, duplicate.conference).filter(number=form.cleaned_data["into"]).first()
    if into is None:
        messages.error(request, _("Không tìm thấy kiến nghị có số đó trong hội nghị."))
        return redirect(duplicate)
    try:
        kept = services.petition_merge(duplicate=duplicate, into=into, actor=request.user)
    except ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect(duplicate)
    messages.success(
        request,
        _("Đã gộp kiến nghị số %(d)s vào kiến nghị số %(k)s.") % {"d": duplicate.number, "k": kept.number},
    )
    return redirect(kept)


@login_required
@require_POST
def petition_unmerge(request, pk):
    petition = _petition_for(request, pk)
    if not can_merge_petitions(request.user, petition.conference):
        raise PermissionDenied
    try:
        services.petition_unmerge(petition=petition, actor=request.user)
    except IllegalTransition as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã tách kiến nghị số %(n)s.") % {"n": petition.number})
    return redirect(petition)


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(PetitionAttachment.objects.select_related("petition"), pk=pk)
    _petition_for(request, attachment.petition_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Hand-over ----------------------------------------------------------------------------------------------------


@login_required
@require_POST
def intake_submit(request, slug):
    conference = _conference_for(request, slug)
    if not can_submit_intake(request.user, conference):
        raise PermissionDenied
    form = IntakeSubmitForm(request.POST)
    form.is_valid()
    try:
        submission = services.intake_submit(
            conference=conference, actor=request.user, note=form.cleaned_data.get("note", "")
        )
    except ActionRefused as refused:
        messages.error(request, str(refused))
    else:
        deadline = services.intake_deadline_for(conference, submission.agency)
        late = deadline and timezone.localdate(submission.submitted_at) > deadline
        text = _("Đã gửi tổng hợp %(n)s kiến nghị lúc %(t)s.") % {
            "n": submission.petition_count,
            "t": timezone.localtime(submission.submitted_at).strftime("%H:%M %d/%m/%Y"),
        }
        if late:
            messages.warning(request, text + " " + _("Quá hạn %(d)s.") % {"d": deadline.strftime("%d/%m/%Y")})
        else:
            messages.success(request, text)
    return redirect(conference)


# --- Excel import -------------------------------------------------------------------------------------------------


@login_required
def import_upload(request, slug):
    conference = _conference_for(request, slug)
    if not can_log_petitions(request.user, conference):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_start(conference=conference, upload=form.cleaned_data["file"], actor=request.user)
        except (importing.ImportRefused, ActionRefused) as refused:
            form.add_error("file", str(refused))
        else:
            return redirect("petitions:import_preview", pk=batch.pk)
    recent = ImportBatch.objects.filter(conference=conference, uploaded_by=request.user).order_by("-uploaded_at")[:5]
    return render(request, "petitions/import_upload.html", {"conference": conference, "form": form, "recent": recent})


@login_required
def import_template(request, slug):
    conference = _conference_for(request, slug)
    sites = intake_sites_for(request.user, conference)
    if not sites.exists():
        sites = sites_visible_to(request.user, conference)
    content = importing.template_workbook(
        conference=conference,
        sites=list(sites.select_related("unit__parent")),
        groups=list(conference.issue_groups.order_by("position", "name")),
    )
    response = HttpResponse(content, content_type=importing.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-kien-nghi-{conference.slug}.xlsx"'
    return response


def _batch_for(request, pk) -> ImportBatch:
    """Only the person who uploaded a list sees its preview (it holds rows outside other people's scope)."""
    batch = get_object_or_404(
        ImportBatch.objects.select_related("conference__organising_unit"), pk=pk, uploaded_by=request.user
    )
    _conference_for(request, batch.conference.slug)
    return batch


def _corrections(post) -> dict:
    fixes: dict[str, dict] = {}
    for key, value in post.items():
        kind, _sep, line = key.partition("-")
        if kind in ("site", "group") and line.isdigit() and value.isdigit():
            fixes.setdefault(line, {})[kind] = int(value)
    return fixes


@login_required
def import_preview(request, pk):
    batch = _batch_for(request, pk)
    conference = batch.conference
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "cancel":
                services.import_cancel(batch=batch, actor=request.user)
                messages.info(request, _("Đã hủy lần nhập; không có kiến nghị nào được ghi."))
                return redirect("petitions:list", slug=conference.slug)
            if action == "recheck":
                services.import_recheck(batch=batch, actor=request.user, corrections=_corrections(request.POST))
                messages.info(request, _("Đã áp dụng lựa chọn và kiểm tra lại các dòng."))
                return redirect("petitions:import_preview", pk=batch.pk)
            if action == "confirm":
                result = services.import_confirm(
                    batch=batch, actor=request.user, expected_good=int(request.POST.get("expected_good", "-1"))
                )
                if result.changed:
                    messages.warning(
                        request,
                        _("Dữ liệu đã thay đổi kể từ lúc xem trước; chưa nhập gì. Hãy xem lại kết quả kiểm tra mới."),
                    )
                    return redirect("petitions:import_preview", pk=batch.pk)
                messages.success(
                    request,
                    _("Đã nhập %(n)s kiến nghị (số %(a)s–%(b)s).")
                    % {"n": result.imported, "a": result.first_number, "b": result.first_number + result.imported - 1},
                )
                return redirect(f"{reverse('petitions:list', args=[conference.slug])}")
        except (importing.ImportRefused, ActionRefused) as refused:
            messages.error(request, str(refused))
            return redirect("petitions:import_preview", pk=batch.pk)
    report = batch.report
    rows = report.get("rows", [])
    sites = list(intake_sites_for(request.user, conference))
    return render(
        request,
        "petitions/import_preview.html",
        {
            "conference": conference,
            "batch": batch,
            "rows": rows,
            "counts": report.get("counts", {}),
            "columns": report.get("columns", []),
            "ignored_headers": report.get("ignored_headers", []),
            "needs_choice": any(
                not r["section"] and (not r["site_name"] or (r["group_text"] and not r["group_name"])) for r in rows
            ),
            "sites": sites,
            "groups": list(conference.issue_groups.order_by("position", "name")),
            "is_open": batch.status == ImportBatchStatus.PREVIEW,
            "accepting": conference.status in (ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING),
        },
    )


# URL patterns of this journey; petitions/urls.py joins them.
urls: list = [
    path("", petition_index, name="index"),
    path("hoi-nghi/<slug:slug>/", petition_list, name="list"),
    path("hoi-nghi/<slug:slug>/xuat-excel/", petition_export, name="export"),
    path("hoi-nghi/<slug:slug>/ghi-moi/", petition_create, name="create"),
    path("hoi-nghi/<slug:slug>/tuong-tu/", petition_similar, name="similar"),
    path("hoi-nghi/<slug:slug>/gui-tong-hop/", intake_submit, name="intake_submit"),
    path("hoi-nghi/<slug:slug>/nhap-excel/", import_upload, name="import_upload"),
    path("hoi-nghi/<slug:slug>/nhap-excel/mau.xlsx", import_template, name="import_template"),
    path("nhap-excel/<int:pk>/", import_preview, name="import_preview"),
    path("<int:pk>/", petition_detail, name="detail"),
    path("<int:pk>/sua/", petition_edit, name="edit"),
    path("<int:pk>/gop/", petition_merge, name="merge"),
    path("<int:pk>/tach/", petition_unmerge, name="unmerge"),
    path("tep/<int:pk>/", attachment_download, name="attachment"),
]
