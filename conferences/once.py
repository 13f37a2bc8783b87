"""A form is acted on once, however many times it is sent (issue 16 item 8: a double click on "Lưu" logged the same
petition twice, two POSTs 50 ms apart giving two numbers).

    {% load once %}<form method="post">{% csrf_token %}{% form_once %} ...     the template: a one-time token
    @acts_once                                                                the view that creates something

The first POST with a token claims it (a unique row, so two requests at the same moment cannot both claim it) and
runs the view; a redirect (the form was acted on) is remembered for the token. A later POST with the same token
waits up to ONCE_WAIT_SECONDS for the first to finish, then goes where the first one went, with a message; nothing
is created twice. When the first answer was the form again (errors), the token is freed: the corrected form may be
sent. static/js/portal.js also disables the buttons while a form is sending; this holds without JavaScript too.
"""

import secrets
import time
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models import FormPost

FIELD = "form_once"
ONCE_WAIT_SECONDS = 8
KEEP = timedelta(days=1)


def token_field() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, secrets.token_urlsafe(24))


def _claim(token: str, user) -> bool:
    try:
        with transaction.atomic():
            FormPost.objects.create(token=token, user=user)
    except IntegrityError:
        return False
    if user is not None:
        FormPost.objects.filter(user=user, created_at__lt=timezone.now() - KEEP).delete()
    return True


def _sent_again(request, token: str, user):
    """Where the first send went, once it is known; the form's own page when it is still not known."""
    deadline = time.monotonic() + ONCE_WAIT_SECONDS
    while True:
        first = FormPost.objects.filter(token=token, user=user).values_list("location", flat=True).first()
        if first is None:  # the first send came back with errors and freed the token
            return None
        if first:
            messages.info(request, _("Biểu mẫu này đã được gửi một lần; không ghi thêm lần nữa."))
            return redirect(first)
        if time.monotonic() > deadline:
            messages.warning(request, _("Lần gửi trước của biểu mẫu này đang được xử lý; hãy xem lại sau ít giây."))
            return redirect(request.path)
        time.sleep(0.1)


def acts_once(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(FIELD, "")[:64] if request.method == "POST" else ""
        if not token:
            return view(request, *args, **kwargs)
        user = request.user if request.user.is_authenticated else None
        if not _claim(token, user):
            again = _sent_again(request, token, user)
            if again is not None:
                return again
            if not _claim(token, user):
                return redirect(request.path)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            FormPost.objects.filter(token=token).delete()
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            FormPost.objects.filter(token=token).update(location=response["Location"][:2000])
        else:
            FormPost.objects.filter(token=token).delete()
        return response

    return wrapper
