"""Rate limits for what anonymous people send, without outside services: a counter per (limit, value) in the
Django cache (Redis when REDIS_URL is set), and a database fallback when the cache does not answer.

    PER_ADDRESS = Limit("question-address", count=5, seconds=3600)
    check(PER_ADDRESS, client_address(request), stored=lambda since: rows_from_that_address_since(since))

- The cache counts attempts, refused ones included, in a window that starts with the first attempt and lasts
  `seconds` (the key's lifetime): at most `count` pass in any such window.
- When the cache is unreachable, `stored(since)` counts what the database already keeps for the value in the
  window. Refused attempts are never written anywhere, so the fallback cannot be filled up by them; it errs on the
  side of letting genuine people through.
- Keys hold a keyed hash (HMAC with SECRET_KEY) of the value, never the address or the contact itself.

Other engineers' limits (logins, renders, exports) are separate; this module is the one for the public question
form (and any other anonymous form that wants it).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.errors import Refused

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int = 3600


class RateLimited(Refused):
    """Too many attempts; nothing was stored. `str(error)` is the message for the person."""


def digest(value: str) -> str:
    """A keyed hash of an address or a contact (32 hex characters)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or with PROXY_COUNT trusted proxies in front, the address the
    outermost trusted proxy saw (counted from the right of X-Forwarded-For, which a client cannot forge past it)."""
    proxies = int(getattr(settings, "PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _count_in_cache(limit: Limit, hashed: str) -> int | None:
    """This attempt counted in the cache; None when the cache does not answer."""
    key = f"ratelimit:{limit.name}:{hashed}"
    try:
        cache.add(key, 0, timeout=limit.seconds)
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this attempt opens a new window.
        try:
            cache.set(key, 1, timeout=limit.seconds)
            return 1
        except Exception as exc:  # noqa: BLE001 (any cache failure: fall back to the database)
            log.warning("rate limit %s: cache unavailable (%s); counting stored rows", limit.name, exc)
            return None
    except Exception as exc:  # noqa: BLE001 (redis errors are not one family; the fallback covers them all)
        log.warning("rate limit %s: cache unavailable (%s); counting stored rows", limit.name, exc)
        return None


def check(limit: Limit, value: str, *, stored: Callable[[datetime], int], message: str = "") -> None:
    """Count one attempt for `value`; raise RateLimited when it is over the limit."""
    if not value or limit.count <= 0:
        return
    count = _count_in_cache(limit, digest(value))
    if count is None:
        count = stored(timezone.now() - timedelta(seconds=limit.seconds)) + 1
    if count > limit.count:
        minutes = max(1, limit.seconds // 60)
        raise RateLimited(
            message
            or _("Bạn đã gửi quá %(n)s lần trong %(m)s phút. Vui lòng thử lại sau.") % {"n": limit.count, "m": minutes},
            code="rate_limited",
        )


def reset(limit: Limit, value: str) -> None:
    """Forget the attempts of one value (tests, an administrator lifting a block)."""
    try:
        cache.delete(f"ratelimit:{limit.name}:{digest(value)}")
    except Exception as exc:  # noqa: BLE001
        log.warning("rate limit %s: cache unavailable (%s)", limit.name, exc)
