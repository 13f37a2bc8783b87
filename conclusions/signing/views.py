"""Signature pages: the signed PDF uploaded on the notice page (Home Affairs of the notice's unit), and the public
verify page (no login, limited per client address like the public question form)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from conferences.errors import Refused
from petitions.questions import ratelimit

from ..permissions import can_upload_signed_notice, notice_for
from .forms import SignedUploadForm, VerifyForm
from .upload import signed_upload_accept
from .verify import verify_file


@login_required
@require_POST
def signed_upload(request, pk):
    notice = notice_for(request.user, pk, may=can_upload_signed_notice)
    form = SignedUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("conclusions:notice_detail", pk=notice.pk)
    try:
        signed_upload_accept(notice=notice, data=form.data_bytes(), actor=request.user)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã nhận bản ký số: bản này là bản chính thức của thông báo từ bây giờ."))
    return redirect("conclusions:notice_detail", pk=notice.pk)


def verify_limit() -> ratelimit.Limit:
    return ratelimit.Limit("verify-address", settings.SIGNATURE_VERIFY_RATE, 3600)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """Upload a PDF: "this is notice 12/TB-UBND issued on ... by ..." or "not a document issued here"."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    verdict, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit.check(verify_limit(), ratelimit.client_address(request), stored=lambda since: 0)
        except ratelimit.RateLimited as refused:
            form.add_error(None, str(refused))
            status = 429
        else:
            verdict = verify_file(form.data_bytes())
    return render(request, "public/verify.html", {"form": form, "verdict": verdict}, status=status)
