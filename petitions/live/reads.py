"""Reads for the console and the entry page: a fixed number of queries whatever the size of the queue."""

from __future__ import annotations

from dataclasses import dataclass, field

from conferences.models import Agency

from ..models import Petition, PetitionStatus
from ..similarity import SUGGEST_THRESHOLD, similar_petitions, similarity, trigrams
from .models import EntrySource, EntryState, LiveEntry, LiveSession

QUEUE_ROWS = 100
RECENT_ROWS = 10


@dataclass
class ConsoleData:
    session: LiveSession | None
    on_air: LiveEntry | None = None
    shortlist: list[LiveEntry] = field(default_factory=list)
    live_rows: list[LiveEntry] = field(default_factory=list)
    live_total: int = 0
    compiled_rows: list[LiveEntry] = field(default_factory=list)
    compiled_total: int = 0
    recent: list[LiveEntry] = field(default_factory=list)


def console_data(session: LiveSession | None, filters) -> ConsoleData:
    """What the console shows: on air, the shortlist in order, the rest of the queue (filtered; live questions
    newest first, the compiled list by number; QUEUE_ROWS of each) and the last decisions."""
    data = ConsoleData(session=session)
    if session is None:
        return data
    entries = session.entries.for_rows()
    data.on_air = entries.filter(state=EntryState.ON_AIR).first()
    data.shortlist = list(entries.shortlist())
    rest = filters.apply(entries.filter(state=EntryState.QUEUED, shortlisted=False))
    live = rest.filter(source=EntrySource.LIVE)
    compiled = rest.filter(source=EntrySource.COMPILED)
    data.live_rows = list(live.order_by("-created_at", "-id")[:QUEUE_ROWS])
    data.compiled_rows = list(compiled.order_by("petition__number", "id")[:QUEUE_ROWS])
    data.live_total, data.compiled_total = live.count(), compiled.count()
    data.recent = list(entries.decided().select_related("merged_into__petition").order_by("-decided_at")[:RECENT_ROWS])
    return data


def similar_entries(entry: LiveEntry, limit: int = 5) -> list[LiveEntry]:
    """Questions of the same session that look like this one (merge suggestions), best first.

    A real session compares its petitions in SQL (trigram index); a rehearsal, which has no petitions, compares
    the entries' texts in Python (a handful of rows) with the same measure."""
    others = entry.session.entries.exclude(pk=entry.pk).exclude(state=EntryState.MERGED)
    if entry.petition_id:
        petitions = Petition.objects.filter(live_entries__session=entry.session).exclude(status=PetitionStatus.MERGED)
        matches = similar_petitions(petitions, entry.content, limit=limit, exclude_pk=entry.petition_id)
        by_petition = {e.petition_id: e for e in others.for_rows().filter(petition__in=[m.petition for m in matches])}
        return [by_petition[m.petition.pk] for m in matches if m.petition.pk in by_petition]
    mine = trigrams(entry.content)
    scored = [(similarity(mine, trigrams(other.content)), other.pk, other) for other in others.for_rows()[:500]]
    return [other for score, _pk, other in sorted(scored, key=lambda s: (-s[0], s[1])) if score >= SUGGEST_THRESHOLD][
        :limit
    ]


def suggested_agency(entry: LiveEntry) -> Agency | None:
    """Who should answer in writing: the leader who was on air, else the agency the petition was assigned to."""
    if entry.responder_agency_id:
        return entry.responder_agency
    if entry.petition_id:
        assignment = entry.petition.assignments.select_related("lead_agency").order_by("-assigned_at").first()
        if assignment is not None:
            return assignment.lead_agency
    return None
