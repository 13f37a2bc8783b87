"""Administrators: the messages the outbox gave up on (after a day of retries, or refused for good), resent from
here. Every row is shown without its body (it may hold a person's data); the address is what an administrator
needs to judge a refusal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import OutgoingEmail
from ..permissions import can_manage_outbox
from .services import outbox_resend_failed

PAGE_SIZE = 50


@login_required
def failed_messages(request):
    if not can_manage_outbox(request.user):
        raise PermissionDenied
    rows = OutgoingEmail.objects.failed().order_by("-failing_since", "-pk").defer("body_text", "body_html")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "notifications/outbox_failed.html", {"page": page})


@login_required
@require_POST
def resend_failed(request):
    if not can_manage_outbox(request.user):
        raise PermissionDenied
    ids = None
    if request.POST.get("scope") != "all":
        ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
        if not ids:
            messages.warning(request, _("Chưa chọn tin nào để gửi lại."))
            return redirect("outbox:failed")
    count = outbox_resend_failed(actor=request.user, ids=ids)
    messages.success(request, _("Đã đưa %(n)s tin vào hàng đợi gửi lại.") % {"n": count})
    return redirect(request.POST.get("next") == "home" and "home" or "outbox:failed")


app_name = "outbox"
urlpatterns = [
    path("gui-loi/", failed_messages, name="failed"),
    path("gui-lai/", resend_failed, name="resend"),
]
