"""Writes of the queue: a site logs a live question, the moderator shortlists, orders and puts one on air.

Keyword-only, atomic, audited; each change takes the next feed version (versions.bump) in its transaction.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused
from conferences.locking import locked
from conferences.models import Agency, AgencyKind, BridgePoint, Conference

from ...models import Assignment, Channel, Petition, PetitionStatus
from ...services.intake.numbering import next_number, with_number_retry
from .. import versions
from ..models import EntrySource, EntryState, LiveEntry, LiveSession

CONTENT_MAX = 4000


def open_session(conference: Conference) -> LiveSession:
    session = LiveSession.objects.open().filter(conference=conference).select_related("conference").first()
    if session is None:
        raise Refused(_("Hội nghị chưa bắt đầu phiên trực tiếp: chưa nhận câu hỏi trực tiếp."))
    return session


# --- a site logs a question ----------------------------------------------------------------------------------------


def _petition_for_live_question(entry: LiveEntry, conference: Conference, actor) -> Petition:
    """A question raised live is a petition of the conference from the start (channel "spoken"): the board, the
    answering services and the notice see it. Numbered by the intake rule (conference row locked)."""

    def create() -> Petition:
        petition = Petition.objects.create(
            conference=conference,
            number=next_number(conference),
            content=entry.content,
            submitting_unit=entry.submitting_unit,
            bridge_point=entry.bridge_point,
            channel=Channel.SPOKEN,
            raised_live=True,
            submitter_name=entry.speaker_name,
            status=PetitionStatus.RECEIVED,
            created_by=actor,
        )
        record(
            actor=actor,
            action="petition.create",
            target=petition,
            conference=conference,
            message=_("Ghi kiến nghị số %(n)s (nêu trực tiếp tại hội nghị)") % {"n": petition.number},
            live_entry=entry.pk,
        )
        return petition

    return with_number_retry(create)


def live_question_post(
    *,
    conference: Conference,
    site: BridgePoint,
    content: str,
    unit: str,
    actor,
    client_key: uuid.UUID,
    speaker_name: str = "",
) -> tuple[LiveEntry, bool]:
    """Log a question spoken at a site. Exactly once per `client_key`: a form sent twice (double tap, a retry after
    a lost answer) returns the question it already stored, with created=False."""
    content, unit = (content or "").strip(), (unit or "").strip()
    if not content or not unit:
        raise Refused(_("Nhập nội dung câu hỏi và đơn vị của người phát biểu."))
    if len(content) > CONTENT_MAX:
        raise Refused(_("Câu hỏi dài quá %(n)s ký tự; hãy tóm tắt.") % {"n": CONTENT_MAX})
    if site.conference_id != conference.pk:
        raise Refused(_("Điểm cầu không thuộc hội nghị này."))
    existing = LiveEntry.objects.filter(client_key=client_key).select_related("session").first()
    if existing is not None:
        return _already_posted(existing, conference)
    with transaction.atomic():
        versions.lock(conference.pk)  # a stop cannot slip in between: it takes the same lock
        session = open_session(conference)
        try:
            with transaction.atomic():
                entry = LiveEntry.objects.create(
                    session=session,
                    source=EntrySource.LIVE,
                    bridge_point=site,
                    content=content,
                    submitting_unit=unit,
                    speaker_name=speaker_name or "",
                    client_key=client_key,
                    created_by=actor,
                )
        except IntegrityError:
            # The same form is being stored by a concurrent request: that one wins, this one returns its row.
            return _already_posted(LiveEntry.objects.select_related("session").get(client_key=client_key), conference)
        if not session.is_rehearsal:
            entry.petition = _petition_for_live_question(entry, conference, actor)
            entry.save(update_fields=["petition"])
        versions.bump(conference, public=False, sites=[site.pk])
        record(
            actor=actor,
            action="live.question_post",
            target=entry,
            conference=conference,
            message=_("Câu hỏi trực tiếp từ %(site)s") % {"site": site.name},
            site=site.pk,
            petition=entry.petition_id,
        )
    return entry, True


def _already_posted(entry: LiveEntry, conference: Conference) -> tuple[LiveEntry, bool]:
    if entry.session.conference_id != conference.pk:
        raise Refused(_("Mã gửi không hợp lệ; hãy tải lại trang."))
    return entry, False


# --- the moderator orders the queue ----------------------------------------------------------------------------------


def locked_entry(entry: LiveEntry) -> LiveEntry:
    """The entry locked for the rest of the transaction, after its conference's live lock (versions.lock)."""
    versions.lock(entry.session.conference_id)
    current = locked(LiveEntry.objects.select_related("session__conference"), pk=entry.pk, version=None)
    if not current.session.is_open:
        raise Refused(_("Phiên trực tiếp đã kết thúc."))
    return current


@transaction.atomic
def entry_shortlist(*, entry: LiveEntry, on: bool, actor) -> LiveEntry:
    """Add a queued question to the end of the shortlist (what goes on air next), or take it off."""
    entry = locked_entry(entry)
    if entry.state != EntryState.QUEUED:
        raise Refused(_("Chỉ chọn được câu hỏi đang chờ lên sóng."))
    if entry.shortlisted == on:
        return entry
    entry.shortlisted = on
    if on:
        last = entry.session.entries.filter(shortlisted=True).aggregate(m=Max("position"))["m"] or 0
        entry.position = last + 1
    entry.save(update_fields=["shortlisted", "position"])
    versions.bump(entry.session.conference, public=True)
    record(
        actor=actor,
        action="live.shortlist_add" if on else "live.shortlist_remove",
        target=entry,
        conference=entry.session.conference,
        message=(_("Chọn câu hỏi %(label)s vào danh sách lên sóng") if on else _("Bỏ câu hỏi %(label)s khỏi danh sách"))
        % {"label": entry.label},
    )
    return entry


@transaction.atomic
def entry_move(*, entry: LiveEntry, offset: int, actor) -> LiveEntry:
    """Move a shortlisted question one place up (offset -1) or down (+1): it swaps places with its neighbour."""
    entry = locked_entry(entry)
    shortlist = list(entry.session.entries.select_for_update().shortlist())
    if entry not in shortlist:
        raise Refused(_("Câu hỏi không nằm trong danh sách lên sóng."))
    index = shortlist.index(entry)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(shortlist):
        return entry
    shortlist[index], shortlist[target] = shortlist[target], shortlist[index]
    for position, row in enumerate(shortlist, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    versions.bump(entry.session.conference, public=True)
    record(
        actor=actor,
        action="live.shortlist_move",
        target=entry,
        conference=entry.session.conference,
        message=_("Đổi thứ tự câu hỏi %(label)s: vị trí %(n)s") % {"label": entry.label, "n": target + 1},
    )
    return entry


# --- on air --------------------------------------------------------------------------------------------------------


def responder_agencies(conference: Conference, day=None):
    """Who may answer on air besides the chair: the agencies of the organising unit (in force on the day) and any
    agency handling a petition of the conference. Not the Youth Union, not the People's Committee (the chair)."""
    assigned = Assignment.objects.filter(petition__conference=conference).values("lead_agency_id")
    local = Agency.objects.filter(unit=conference.organising_unit)
    if day is not None:
        local = local.active_on(day)
    return (
        Agency.objects.answering()
        .exclude(kind=AgencyKind.PEOPLES_COMMITTEE)
        .filter(Q(pk__in=local.values("pk")) | Q(pk__in=assigned))
        .order_by("name")
    )


def responder_label(conference: Conference, agency: Agency | None) -> str:
    """As the screen shows it (stored in Vietnamese: it is part of the record)."""
    if agency is None:
        return " ".join(part for part in (conference.chair_title, conference.chair_name) if part) or "Chủ trì"
    return f"Lãnh đạo {agency.short_name or agency.name}"


def _check_responder(conference: Conference, agency: Agency | None, day) -> None:
    if agency is not None and not responder_agencies(conference, day).filter(pk=agency.pk).exists():
        raise Refused(_("Cơ quan này không có trong danh sách cơ quan dự hội nghị."))


@transaction.atomic
def entry_put_on_air(*, entry: LiveEntry, actor, responder: Agency | None = None) -> LiveEntry:
    """ "Lên sóng": this question is on air now, answered by the chair (responder None) or an agency's leader. A
    question that was on air without an outcome goes back to the queue, its time on air kept."""
    entry = locked_entry(entry)
    conference = entry.session.conference
    _check_responder(conference, responder, entry.session.dialogue_day)
    if entry.state == EntryState.ON_AIR:
        raise Refused(_("Câu hỏi này đang trên sóng."))
    now = timezone.now()
    sites = [entry.bridge_point_id]
    for previous in entry.session.entries.select_for_update().filter(state=EntryState.ON_AIR):
        previous.stop_clock(now)
        previous.set_state(EntryState.QUEUED)
        previous.save(update_fields=["state", "on_air_at", "aired_seconds"])
        sites.append(previous.bridge_point_id)
    entry.set_state(EntryState.ON_AIR)
    entry.on_air_at = now
    entry.first_aired_at = entry.first_aired_at or now
    entry.responder_agency = responder
    entry.responder_label = responder_label(conference, responder)
    entry.save(update_fields=["state", "on_air_at", "first_aired_at", "responder_agency", "responder_label"])
    versions.bump(conference, public=True, sites=sites)
    record(
        actor=actor,
        action="live.on_air",
        target=entry,
        conference=conference,
        message=_("Lên sóng câu hỏi %(label)s; trả lời: %(who)s")
        % {"label": entry.label, "who": entry.responder_label},
        responder=responder.pk if responder else None,
    )
    return entry


@transaction.atomic
def entry_set_responder(*, entry: LiveEntry, actor, responder: Agency | None = None) -> LiveEntry:
    entry = locked_entry(entry)
    conference = entry.session.conference
    if entry.state != EntryState.ON_AIR:
        raise Refused(_("Chỉ đổi người trả lời cho câu hỏi đang trên sóng."))
    _check_responder(conference, responder, entry.session.dialogue_day)
    entry.responder_agency = responder
    entry.responder_label = responder_label(conference, responder)
    entry.save(update_fields=["responder_agency", "responder_label"])
    versions.bump(conference, public=True)
    record(
        actor=actor,
        action="live.responder",
        target=entry,
        conference=conference,
        message=_("Người trả lời câu hỏi %(label)s: %(who)s") % {"label": entry.label, "who": entry.responder_label},
    )
    return entry


@transaction.atomic
def entry_back_to_queue(*, entry: LiveEntry, actor) -> LiveEntry:
    entry = locked_entry(entry)
    if entry.state != EntryState.ON_AIR:
        raise Refused(_("Câu hỏi không ở trên sóng."))
    entry.stop_clock(timezone.now())
    entry.set_state(EntryState.QUEUED)
    entry.save(update_fields=["state", "on_air_at", "aired_seconds"])
    versions.bump(entry.session.conference, public=True, sites=[entry.bridge_point_id])
    record(
        actor=actor,
        action="live.off_air",
        target=entry,
        conference=entry.session.conference,
        message=_("Đưa câu hỏi %(label)s trở lại hàng đợi") % {"label": entry.label},
    )
    return entry
