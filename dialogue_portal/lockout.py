"""Who is knocking: the client's address behind the proxies we trust, and django-axes' lockout of logins.

`client_ip(request)` is the address lockouts and rate limits count by: REMOTE_ADDR, or, behind TRUSTED_PROXIES
proxies, the address the outermost trusted proxy saw (X-Forwarded-For read from the right: entries further left are
written by the client and may be forged).
"""

import logging

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render

log = logging.getLogger(__name__)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins through a request (the login pages, the admin's). A login without a
    request (the test client's login, the shell) has no address to count and is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout page, in Vietnamese, with the minutes to wait; each refusal is one line in the log."""
    username = (credentials or {}).get("username", "")
    log.warning("login locked out: user %r from %s on %s", username, client_ip(request), request.path)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
