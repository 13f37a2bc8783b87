"""Expensive responses (renders and exports): a rate limit per user, and identical renders served from the cache.

    @throttled("render")                       # settings.RENDER_RATE per signed-in user (EXPORT_RATE for "export")
    def yearly_report(request): ...
        content, kind = cached_render(("yearly", unit.pk, year, fmt), lambda: render_report(...))

- The counts live in the cache (Redis in production, shared by every worker; django-ratelimit's fixed windows).
  Over the limit the user gets a 429 page in Vietnamese saying when to try again.
- `cached_render` keys a render by what it is made of plus the audit log's last row id (every service writes one:
  a change to the data means a new key) and today's date (deadlines and overdue counts move with the day), for
  RENDER_CACHE_SECONDS. The caller checks permissions first: the cache only skips work, never a check.
- `cached_figures` keeps computed figures (a province's statistics panels) under the same key, without the lock.
- A cache that does not answer lets requests through and renders anyway (logged): the limit is a brake, not a lock.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django_ratelimit.core import get_usage

from .models import AuditEvent

log = logging.getLogger(__name__)
RATES = {"render": "RENDER_RATE", "export": "EXPORT_RATE"}
T = TypeVar("T")
RENDER_LOCK_SECONDS = 60  # the longest an identical render is held off while another request makes it


def _usage(request, kind: str) -> dict | None:
    try:
        return get_usage(request, group=f"throttle:{kind}", key="user_or_ip", rate=getattr(settings, RATES[kind]),
                         increment=True)  # fmt: skip
    except Exception as exc:  # Redis down or slow: let the request through
        log.warning("rate limit %s not counted (cache unavailable): %s", kind, exc)
        return None


def over_limit(request, kind: str):
    """Count this request; the 429 page when the user is over the rate of this kind, else None."""
    usage = _usage(request, kind)
    if not (usage and usage["should_limit"]):
        return None
    log.warning("rate limit %s reached by %s on %s", kind, request.user.pk, request.path)
    seconds = max(int(usage["time_left"]), 1)
    response = render(request, "rate_limited.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def busy_response(request):
    """429 with Retry-After: the same render is on its way (RenderInProgress)."""
    response = render(request, "rate_limited.html", {"seconds": 5, "busy": True}, status=429)
    response["Retry-After"] = "5"
    return response


def throttled(kind: str):
    """Refuse (429) a user's requests of this kind beyond the configured rate, and answer at once while the same
    render is being made by another request."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return over_limit(request, kind) or view(request, *args, **kwargs)
            except RenderInProgress:
                return busy_response(request)

        return wrapper

    return decorate


def _key(parts: tuple) -> str:
    watermark = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    text = repr((parts, watermark, timezone.localdate().isoformat(), settings.LANGUAGE_CODE))
    return "render:" + hashlib.sha256(text.encode()).hexdigest()


class RenderInProgress(Exception):
    """The same render is being made by another request right now."""


def cached_render(parts: tuple, build: Callable[[], tuple[bytes, str]]) -> tuple[bytes, str]:
    """(content, content type) of `build()`, from the cache when the same render was made since the last change.
    Asked by many at once, it is made once: while one request makes it (a short lock in the cache), the others are
    answered at once that it is on its way (RenderInProgress, a 429 with Retry-After), never kept waiting in a web
    worker that the public pages need."""
    return _cached(_key(parts), build, "render", exclusive=True)


def cached_figures(parts: tuple, build: Callable[[], T]) -> T:
    """`build()`, from the cache when the same figures were computed since the last change (the key of
    `cached_render`: the audit log's last row and today). Statistics across years read every petition of a
    province; leaders open them again and again between two changes."""
    return _cached("figures:" + _key(parts), build, "figures", exclusive=False)


def _cached(key: str, build: Callable[[], T], what: str, *, exclusive: bool) -> T:
    """`build()` kept under `key`; `exclusive`: one request makes it while the others get RenderInProgress. A cache
    that does not answer is logged and skipped."""
    if settings.RENDER_CACHE_SECONDS <= 0:
        return build()
    try:
        hit = cache.get(key)
        if hit is None and exclusive and not cache.add(f"{key}:making", 1, RENDER_LOCK_SECONDS):
            raise RenderInProgress
    except RenderInProgress:
        raise
    except Exception as exc:
        log.warning("%s cache unavailable: %s", what, exc)
        return build()
    if hit is not None:
        return hit
    made = build()
    try:
        cache.set(key, made, settings.RENDER_CACHE_SECONDS)
        if exclusive:
            cache.delete(f"{key}:making")
    except Exception as exc:
        log.warning("%s cache unavailable: %s", what, exc)
    return made
