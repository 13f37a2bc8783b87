"""The state feed's versions: kept in the database (LiveChannel, the truth) and mirrored in Redis so a poll that
finds nothing new costs no query.

Every change of the live state runs `bump()` inside its service's transaction: one UPDATE of the conference's
LiveChannel row gives it the next version (the row lock orders the changes, so versions follow commit order). After
commit the new numbers are written to the Redis hash `live:v:<conference id>`:

    all      the version of the last change of anything (the console follows it)
    pub      the version of the last change a projector shows (on air, next questions, counts)
    site:<id> the version of the last change of that site's questions (its operator follows it)
    base     the version the hash was created at: a site with no field of its own has not changed since

Every value is a database version, written with "keep the larger" (a Lua script), so writes arriving out of order,
a hash rebuilt from the database, or a switch to the database while Redis is down all name the same states: equal
numbers always mean the same state, and an ETag made of them never matches a different one. The hash expires after
TTL seconds and is rebuilt from the database: that bounds how long a lost write (Redis failing between two calls)
can hide a change.

Redis down: reads and writes fail fast (short timeouts), the process skips Redis for BACKOFF seconds, and the feed
uses the database's numbers (`all` also stands for the sites); posts never depend on Redis. A process that saw a
failure may have lost a write, so once Redis answers it first drops the mirrored versions (rebuilt from the database
by the next read); the hash's TTL bounds what a process that saw nothing could miss.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import transaction
from django.db.models import F

from .models import LiveChannel

log = logging.getLogger(__name__)

TTL = 60
TIMEOUT = 0.25
BACKOFF = 5.0
KEY = "live:v:{}"

_MAX_SET = """
local created = redis.call('EXISTS', KEYS[1]) == 0
for i = 3, #ARGV, 2 do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '-1')
  if tonumber(ARGV[i + 1]) > current then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
if created then
  redis.call('HSET', KEYS[1], 'base', ARGV[2])
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return 1
"""

_clients: dict[str, redis.Redis] = {}
_down_until: dict[str, float] = {}
_repair_pending: set[str] = set()


def client() -> redis.Redis | None:
    """A Redis client with short timeouts, or None (no REDIS_URL, or it failed less than BACKOFF seconds ago).

    After a failure this process may have lost a write, so the first call once Redis answers again drops the
    mirrored versions and projector-link keys: they are rebuilt from the database on the next read."""
    url = settings.REDIS_URL
    if not url or time.monotonic() < _down_until.get(url, 0.0):
        return None
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
    r = _clients[url]
    if url in _repair_pending:
        try:
            for pattern in ("live:v:*", "live:token:*"):
                keys = list(r.scan_iter(pattern, count=1000))
                if keys:
                    r.delete(*keys)
        except redis.RedisError as exc:
            failed(exc)
            return None
        _repair_pending.discard(url)
        log.info("live feed: Redis is back; versions will be rebuilt from the database")
    return r


def failed(exc: Exception) -> None:
    """Remember that Redis failed: this process uses the database for a few seconds, then repairs Redis."""
    url = settings.REDIS_URL
    if time.monotonic() >= _down_until.get(url, 0.0):
        log.warning("live feed: Redis unavailable, using database versions for %ss: %s", BACKOFF, exc)
    _down_until[url] = time.monotonic() + BACKOFF
    _repair_pending.add(url)


def retry_now() -> None:
    """Tests: try Redis again without waiting for the back-off (a pending repair still runs first)."""
    _down_until.clear()


def forget_failures() -> None:
    """Tests: a fresh process (no back-off, nothing to repair)."""
    _down_until.clear()
    _repair_pending.clear()


# --- writing ------------------------------------------------------------------------------------------------------


def lock(conference_id: int) -> None:
    """Every live change of a conference locks its LiveChannel row first, before any other row.

    One order for all of them: a post (which then locks the conference row to number its petition) and the
    moderator (whose audit rows then need the conference row) would otherwise each hold what the other waits for."""
    rows = LiveChannel.objects.select_for_update().filter(conference_id=conference_id).values_list("pk", flat=True)
    if not list(rows):
        LiveChannel.objects.get_or_create(conference_id=conference_id)
        list(rows.all())


def bump(conference, *, public: bool, sites: Iterable[int | None] = ()) -> int:
    """Give the change being made the conference's next version (inside the service's transaction, which took
    `lock` first)."""
    updates = {"version": F("version") + 1}
    if public:
        updates["public_version"] = F("version") + 1  # both right-hand sides read the old row: the new version
    rows = LiveChannel.objects.filter(conference_id=conference.pk)
    if not rows.update(**updates):
        LiveChannel.objects.get_or_create(conference_id=conference.pk)
        rows.update(**updates)
    version, public_version = rows.values_list("version", "public_version").get()
    site_ids = sorted({site for site in sites if site})
    transaction.on_commit(lambda: publish(conference.pk, version, public_version if public else None, site_ids))
    return version


_before_publish: list[Callable[[int, int], None]] = []


def before_publish(warm: Callable[[int, int], None]) -> Callable[[int, int], None]:
    """Register `warm(conference_id, public_version)`, run after a public change commits and before its version is
    published: the feed stores the new public state first, so the projectors that see the version all find it
    (and do not all build it at once)."""
    _before_publish.append(warm)
    return warm


def publish(conference_id: int, version: int, public_version: int | None, site_ids: Iterable[int]) -> None:
    if public_version is not None and client() is not None:
        for warm in _before_publish:
            try:
                warm(conference_id, public_version)
            except Exception:  # noqa: BLE001 - the change is committed; a cold cache only costs the next reader
                log.exception("live feed: warming the public state of conference %s failed", conference_id)
    pairs = ["all", version, *(item for site in site_ids for item in (f"site:{site}", version))]
    if public_version is not None:
        pairs += ["pub", public_version]
    _max_set(conference_id, base=version, pairs=pairs)


def _max_set(conference_id: int, *, base: int, pairs: list) -> None:
    r = client()
    if r is None:
        return
    try:
        r.eval(_MAX_SET, 1, KEY.format(conference_id), TTL, base, *pairs)
    except redis.RedisError as exc:
        failed(exc)


# --- reading ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Versions:
    all: int
    pub: int
    site: int  # the largest version of the asked sites (all of them when read from the database)
    source: str  # "redis" | "db"


def from_database(conference_id: int) -> Versions:
    row = LiveChannel.objects.filter(conference_id=conference_id).values_list("version", "public_version").first()
    version, public_version = row or (0, 0)
    return Versions(all=version, pub=public_version, site=version, source="db")


def read(conference_id: int, site_ids: Iterable[int] = ()) -> Versions:
    """The current versions: from Redis when it answers (rebuilding the hash from the database if it expired),
    else from the database."""
    r = client()
    if r is None:
        return from_database(conference_id)
    fields = ["all", "pub", "base", *(f"site:{site}" for site in site_ids)]
    key = KEY.format(conference_id)
    try:
        values = r.hmget(key, fields)
        if None in values[:3]:  # expired, or created by a write that did not carry every field
            db = from_database(conference_id)
            _max_set(conference_id, base=db.all, pairs=["all", db.all, "pub", db.pub])
            values = r.hmget(key, fields)
            if None in values[:3]:
                return db
    except redis.RedisError as exc:
        failed(exc)
        return from_database(conference_id)
    numbers = [int(v) if v is not None else None for v in values]
    base = numbers[2] or 0
    sites = [n if n is not None else base for n in numbers[3:]]
    return Versions(all=numbers[0], pub=numbers[1], site=max(sites, default=0), source="redis")


# --- small shared cache for the feed (scopes, bodies) ---------------------------------------------------------------


def cache_get(key: str) -> bytes | None:
    r = client()
    if r is None:
        return None
    try:
        return r.get(key)
    except redis.RedisError as exc:
        failed(exc)
        return None


def cache_set(key: str, value: bytes | str, ttl: int) -> None:
    r = client()
    if r is None:
        return
    try:
        r.set(key, value, ex=ttl)
    except redis.RedisError as exc:
        failed(exc)


def cache_delete(*keys: str) -> None:
    r = client()
    if r is None or not keys:
        return
    try:
        r.delete(*keys)
    except redis.RedisError as exc:
        failed(exc)
