"""A person's own in-app notices and how they want to be emailed. Every row read or changed is the user's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Notification
from ..permissions import can_choose_digest_only, membership_of, notification_for
from .forms import DigestOnlyForm
from .services import membership_set_digest_only, notifications_mark_read

NOTIFICATIONS_PER_PAGE = 30

# Notifications -------------------------------------------------------------------------------------------------------


@login_required
def notifications(request):
    only_unread = request.GET.get("chua-doc") == "1"
    qs = Notification.objects.for_list(request.user)
    if only_unread:
        qs = qs.unread()
    page = Paginator(qs, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "only_unread": only_unread},
    )


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one of the user's own notifications read and go to its item."""
    notification = notification_for(request.user, pk)
    notifications_mark_read(user=request.user, ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    count = notifications_mark_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    if not can_choose_digest_only(request.user):
        raise PermissionDenied
    membership = membership_of(request.user)
    if request.method == "POST":
        form = DigestOnlyForm(request.POST)
        if form.is_valid():
            membership_set_digest_only(
                membership=membership, digest_only=form.cleaned_data["digest_only"], actor=request.user
            )
            messages.success(request, _("Đã lưu cách nhận thư thông báo."))
            return redirect("notifications:settings")
    else:
        form = DigestOnlyForm(initial={"digest_only": membership.digest_only})
    return render(request, "notifications/settings.html", {"form": form, "membership": membership})


app_name = "notifications"
urlpatterns = [
    path("", notifications, name="list"),
    path("<int:pk>/mo/", notification_open, name="open"),
    path("doc-tat-ca/", notifications_read_all, name="read_all"),
    path("cai-dat/", notification_settings, name="settings"),
]
