"""Writes that open and close the dialogue day: the live session (and its rehearsal) and the projector link.

Keyword-only, atomic, audited. The conference's LiveChannel row is locked first: starts and stops of one
conference happen one at a time, and every change takes its feed version from that row (versions.bump).
"""

import secrets

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused
from conferences.models import Conference, ConferenceStatus

from ...models import Petition
from .. import versions
from ..models import EntrySource, EntryState, LiveChannel, LiveEntry, LiveSession

# The day itself happens while answers are prepared, or after the conference was marked held; never in planning
# (no list yet) or once the conclusion is issued.
LIVE_STATUSES = (ConferenceStatus.COLLECTING, ConferenceStatus.ANSWERING, ConferenceStatus.HELD)
TOKEN_CACHE_KEY = "live:token:{}"


def _channel(conference: Conference) -> LiveChannel:
    """The conference's channel, created on first use and locked for the rest of the transaction (versions.lock)."""
    versions.lock(conference.pk)
    return LiveChannel.objects.get(conference=conference)


@transaction.atomic
def entries_copy_compiled_list(*, session: LiveSession, actor=None) -> int:
    """Put every accepted (not merged) petition of the conference that the session does not hold yet into its
    queue, as read now. Returns how many were added."""
    versions.lock(session.conference_id)
    held = LiveEntry.objects.filter(session=session, petition=OuterRef("pk"))
    petitions = (
        Petition.objects.filter(conference=session.conference)
        .not_merged()
        .filter(~Exists(held))
        .order_by("number")
        .only("pk", "content", "submitting_unit", "bridge_point_id", "issue_group_id")
    )
    new = [
        LiveEntry(
            session=session,
            source=EntrySource.COMPILED,
            petition=petition,
            bridge_point_id=petition.bridge_point_id,
            issue_group_id=petition.issue_group_id,
            content=petition.content,
            submitting_unit=petition.submitting_unit,
        ).tidy()
        for petition in petitions.iterator(chunk_size=1000)
    ]
    # Two consoles adding at once: the unique (session, petition) constraint keeps one row each.
    LiveEntry.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    if new:
        versions.bump(session.conference, public=False)
        if actor is not None:
            record(
                actor=actor,
                action="live.compiled_list_copied",
                target=session,
                conference=session.conference,
                message=_("Đưa %(n)s kiến nghị của danh sách tổng hợp vào hàng đợi") % {"n": len(new)},
                count=len(new),
            )
    return len(new)


@transaction.atomic
def session_start(*, conference: Conference, actor, rehearsal: bool = False) -> LiveSession:
    """The conference goes "đang diễn ra" (or into rehearsal). A real day stopped by mistake resumes its session."""
    _channel(conference)
    current = LiveSession.objects.open().filter(conference=conference).first()
    if current is not None:
        raise Refused(
            _("Đang tổng duyệt: hãy kết thúc tổng duyệt trước.")
            if current.is_rehearsal
            else _("Hội nghị đang diễn ra.")
        )
    if not rehearsal and conference.status not in LIVE_STATUSES:
        raise Refused(
            _("Hội nghị đang ở trạng thái “%(status)s”: chỉ diễn ra trực tiếp khi đang tiếp nhận, chuẩn bị trả lời "
              "hoặc đã tổ chức.") % {"status": conference.get_status_display()}
        )  # fmt: skip
    previous = None if rehearsal else LiveSession.objects.real().filter(conference=conference).first()
    if previous is not None:
        previous.ended_at, previous.ended_by = None, None
        previous.save(update_fields=["ended_at", "ended_by"])
        session, action, message = previous, "live.session_resume", _("Tiếp tục phiên trực tiếp")
    else:
        session = LiveSession.objects.create(conference=conference, is_rehearsal=rehearsal, started_by=actor)
        action = "live.rehearsal_start" if rehearsal else "live.session_start"
        message = _("Bắt đầu tổng duyệt") if rehearsal else _("Bắt đầu phiên trực tiếp: hội nghị đang diễn ra")
    versions.bump(conference, public=True)
    record(actor=actor, action=action, target=session, conference=conference, message=message)
    entries_copy_compiled_list(session=session)
    return session


@transaction.atomic
def session_stop(*, session: LiveSession, actor) -> LiveSession:
    """Out of "đang diễn ra". What is on air goes back to the queue (its time on air is kept). A rehearsal is
    deleted with everything in it: the conference is as it was before."""
    conference = session.conference
    _channel(conference)
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_open:
        raise Refused(_("Phiên trực tiếp đã kết thúc."))
    now = timezone.now()
    for entry in session.entries.select_for_update().filter(state=EntryState.ON_AIR):
        entry.stop_clock(now)
        entry.set_state(EntryState.QUEUED)
        entry.save(update_fields=["state", "on_air_at", "aired_seconds"])
    versions.bump(conference, public=True)
    if session.is_rehearsal:
        count = session.entries.count()
        record(
            actor=actor,
            action="live.rehearsal_stop",
            target=session,
            conference=conference,
            message=_("Kết thúc tổng duyệt; xóa %(n)s câu hỏi của buổi tổng duyệt") % {"n": count},
            entries=count,
        )
        session.delete()
        return session
    session.ended_at, session.ended_by = now, actor if getattr(actor, "is_authenticated", False) else None
    session.save(update_fields=["ended_at", "ended_by"])
    record(
        actor=actor,
        action="live.session_stop",
        target=session,
        conference=conference,
        message=_("Kết thúc phiên trực tiếp"),
    )
    return session


# --- the projector link --------------------------------------------------------------------------------------------


@transaction.atomic
def projector_link_issue(*, conference: Conference, actor) -> LiveChannel:
    """A new unguessable link for the sites' big screens; the previous one stops working."""
    channel = _channel(conference)
    old = channel.projector_token
    channel.projector_token = secrets.token_urlsafe(24)
    channel.token_issued_at, channel.token_issued_by = timezone.now(), actor
    channel.save(update_fields=["projector_token", "token_issued_at", "token_issued_by"])
    if old:
        transaction.on_commit(lambda: versions.cache_delete(TOKEN_CACHE_KEY.format(old)))
    record(
        actor=actor,
        action="live.projector_link_issue",
        target=channel,
        conference=conference,
        message=_("Cấp liên kết màn hình mới") + (_(" (liên kết cũ bị thu hồi)") if old else ""),
    )
    return channel


@transaction.atomic
def projector_link_revoke(*, conference: Conference, actor) -> LiveChannel:
    channel = _channel(conference)
    old = channel.projector_token
    if not old:
        raise Refused(_("Hội nghị chưa có liên kết màn hình."))
    channel.projector_token, channel.token_issued_at, channel.token_issued_by = None, None, None
    channel.save(update_fields=["projector_token", "token_issued_at", "token_issued_by"])
    transaction.on_commit(lambda: versions.cache_delete(TOKEN_CACHE_KEY.format(old)))
    record(
        actor=actor,
        action="live.projector_link_revoke",
        target=channel,
        conference=conference,
        message=_("Thu hồi liên kết màn hình"),
    )
    return channel
