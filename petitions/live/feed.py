"""The state feed: what consoles, operators and projectors poll (GET /truc-tiep/<slug>/trang-thai/).

One JSON document per viewer kind:
    {"public": {...}, "mine": [...] | null}
- `public`: the open session, the question on air (site, unit, who answers, when it went on air), the next
  questions of the shortlist and the counts. Nothing private: no speaker name, no contact, no operator.
- `mine`: an operator's own sites' questions and their state.
The ETag is made of versions (versions.py): a projector's of `pub`, an operator's of `pub` and its sites', the
console's of `all`; a poll carrying the current ETag gets 304 without a database query. The JSON parts are kept in
Redis under the version they describe, so the first poll after a change builds them and the others reuse them.

Who is asking is worked out once and kept for SCOPE_TTL seconds (the projector token's conference; a signed-in
user's role and sites for a conference, under the session cookie): a poll that finds nothing new then costs two
Redis round trips and no query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db.models import Count, F
from django.utils import timezone

from conferences.permissions import conference_for

from . import versions
from .models import EntryState, LiveChannel, LiveEntry, LiveSession
from .permissions import can_run_live_console, can_view_live_screen, channel_for_token, operator_sites_for
from .services.sessions import TOKEN_CACHE_KEY

NEXT_COUNT = 5
MINE_COUNT = 50
SCOPE_TTL = 60
BODY_TTL = 120
CONSOLE, OPERATOR, SCREEN = "console", "operator", "screen"


@dataclass(frozen=True)
class Scope:
    """Who is polling: the conference, what they may see, and (operators) their sites."""

    conference_id: int
    kind: str
    site_ids: tuple[int, ...] = ()

    def etag(self, v: versions.Versions) -> str:
        if self.kind == CONSOLE:
            return f'W/"c{v.all}"'
        if self.kind == OPERATOR:
            return f'W/"o{v.pub}.{v.site}"'
        return f'W/"p{v.pub}"'


# --- who is asking --------------------------------------------------------------------------------------------------


def screen_scope(slug: str, token: str) -> Scope:
    """A projector link: its conference, or Http404 (unknown, revoked, another conference's token)."""
    key = TOKEN_CACHE_KEY.format(token)
    cached = versions.cache_get(key) if token and len(token) <= 64 else None
    if cached:
        conference_id, _, cached_slug = cached.decode().partition("|")
        if cached_slug == slug:
            return Scope(int(conference_id), SCREEN)
    channel = channel_for_token(slug, token)
    versions.cache_set(key, f"{channel.conference_id}|{slug}", SCOPE_TTL)
    return Scope(channel.conference_id, SCREEN)


def _scope_key(session_key: str, slug: str) -> str:
    return f"live:scope:{session_key}:{slug}"


def remembered_scope(session_key: str, slug: str) -> Scope | None:
    """A signed-in user's scope worked out less than SCOPE_TTL seconds ago for this session cookie, without reading
    the session: a poll then costs no query. (A session ended in the meantime keeps its feed for that long.)"""
    cached = versions.cache_get(_scope_key(session_key, slug)) if session_key and len(session_key) <= 64 else None
    if not cached:
        return None
    _owner, conference_id, kind, sites = cached.decode().split("|")
    return Scope(int(conference_id), kind, tuple(int(s) for s in sites.split(",") if s))


def user_scope(request, slug: str) -> Scope:
    """A signed-in user's scope for the conference: the full check (the session, the conference getter, 404/403,
    and the live permissions), kept for SCOPE_TTL seconds under the session key."""
    conference = conference_for(request.user, slug, may=can_view_live_screen)
    scope = scope_for_user(request.user, conference)
    sites = ",".join(map(str, scope.site_ids))
    record = f"{request.user.pk}|{scope.conference_id}|{scope.kind}|{sites}"
    versions.cache_set(_scope_key(request.session.session_key, slug), record, SCOPE_TTL)
    return scope


def scope_for_user(user, conference) -> Scope:
    """The console sees everything; anyone else who may view the screen is an operator of their sites."""
    if can_run_live_console(user, conference):
        return Scope(conference.pk, CONSOLE)
    return Scope(conference.pk, OPERATOR, tuple(operator_sites_for(user, conference).values_list("pk", flat=True)))


# --- what they see --------------------------------------------------------------------------------------------------


def current_session(conference_id: int) -> LiveSession | None:
    """The open session, else the last one (its counts stay on the screen after the day)."""
    sessions = LiveSession.objects.filter(conference_id=conference_id).select_related("conference")
    return sessions.order_by(F("ended_at").desc(nulls_first=True), "-started_at").first()


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""


def entry_public(entry: LiveEntry) -> dict:
    return {
        "id": entry.pk,
        "label": entry.label,
        "content": entry.content,
        "site": entry.bridge_point.name if entry.bridge_point_id else "",
        "unit": entry.submitting_unit,
    }


COUNTED = (EntryState.ANSWERED, EntryState.IN_WRITING, EntryState.MERGED)


def counts_of(session: LiveSession | None) -> dict[str, int]:
    """Outcomes so far (a projector shows them; new questions do not change them)."""
    if session is None:
        return dict.fromkeys(COUNTED, 0)
    rows = dict(session.entries.filter(state__in=COUNTED).order_by().values_list("state").annotate(n=Count("id")))
    return {state: rows.get(state, 0) for state in COUNTED}


def public_state(conference_id: int) -> dict:
    session = current_session(conference_id)
    state = {
        "live": bool(session and session.is_open),
        "rehearsal": bool(session and session.is_rehearsal and session.is_open),
        "on_air": None,
        "next": [],
        "counts": counts_of(session),
    }
    if session is None or not session.is_open:
        return state
    entries = session.entries.for_rows()
    on_air = entries.filter(state=EntryState.ON_AIR).first()
    if on_air is not None:
        state["on_air"] = {
            **entry_public(on_air),
            "responder": on_air.responder_label,
            "since_ms": int(on_air.on_air_at.timestamp() * 1000) if on_air.on_air_at else None,
            "aired_s": on_air.aired_seconds,
        }
    state["next"] = [entry_public(e) for e in entries.shortlist()[:NEXT_COUNT]]
    return state


def mine_state(conference_id: int, site_ids: tuple[int, ...]) -> list[dict]:
    session = current_session(conference_id)
    if session is None:
        return []
    rows = session.entries.of_sites(site_ids).for_rows().order_by("-created_at", "-id")[:MINE_COUNT]
    return [
        {
            **entry_public(entry),
            "state": entry.state,
            "state_label": str(entry.get_state_display()),
            "time": _when(entry.created_at),
        }
        for entry in rows
    ]


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _cached(key: str, build) -> str:
    hit = versions.cache_get(key)
    if hit is not None:
        return hit.decode()
    text = _dump(build())
    versions.cache_set(key, text, BODY_TTL)
    return text


def public_key(conference_id: int, public_version: int) -> str:
    return f"live:pub:{conference_id}:{public_version}"


@versions.before_publish
def warm_public_state(conference_id: int, public_version: int) -> None:
    versions.cache_set(public_key(conference_id, public_version), _dump(public_state(conference_id)), BODY_TTL)


def body(scope: Scope, v: versions.Versions, language: str) -> str:
    """The JSON text for this viewer at versions `v` (state labels in the viewer's language)."""
    cid = scope.conference_id
    public = _cached(public_key(cid, v.pub), lambda: public_state(cid))
    mine = "null"
    if scope.kind == OPERATOR:
        sites = ",".join(map(str, scope.site_ids))
        mine = _cached(f"live:mine:{cid}:{sites}:{v.site}:{language}", lambda: mine_state(cid, scope.site_ids))
    return f'{{"public":{public},"mine":{mine}}}'


def channel_token(conference) -> str | None:
    return LiveChannel.objects.filter(conference=conference).values_list("projector_token", flat=True).first()
