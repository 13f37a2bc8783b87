"""The minutes: a page and its DOCX and XLSX downloads."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from conferences.permissions import conference_for

from ..feed import current_session
from ..minutes import minutes_of
from ..minutes.docx import minutes_docx
from ..minutes.xlsx import minutes_xlsx
from ..permissions import can_run_live_console, can_view_minutes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _minutes(request, slug):
    conference = conference_for(request.user, slug, may=can_view_minutes)
    return conference, minutes_of(current_session(conference.pk))


@login_required
def minutes_page(request, slug):
    conference, minutes = _minutes(request, slug)
    return render(
        request,
        "live/minutes.html",
        {"conference": conference, "minutes": minutes, "is_moderator": can_run_live_console(request.user, conference)},
    )


def _download(content: bytes, content_type: str, conference, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"nhat-ky-phien-{conference.slug}-{timezone.localdate():%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def minutes_docx_download(request, slug):
    conference, minutes = _minutes(request, slug)
    return _download(minutes_docx(minutes), DOCX, conference, "docx")


@login_required
def minutes_xlsx_download(request, slug):
    conference, minutes = _minutes(request, slug)
    return _download(minutes_xlsx(minutes), XLSX, conference, "xlsx")
