"""The outcome of a question, recorded by the moderator: answered on the spot, to be answered in writing, or merged
into a similar question.

The answering journey's own services do the work, so their rules hold here too:
- answered on the spot: `answer_record_on_the_spot` (an approved answer flagged "at the conference");
- in writing: `assignment_create` after the conference, N working days from the dialogue date (the assignment
  board shows it); a petition already assigned keeps its open assignment;
- merged: `petition_merge` (the duplicate keeps its number and points to the kept petition).
A rehearsal records the outcome on its entries only: nothing reaches petitions, answers or assignments.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.errors import Refused
from conferences.locking import locked
from conferences.models import Agency

from ...models import Assignment, AssignmentStage, PetitionStatus
from ...services.answering import (
    DEFAULT_AFTER_WORKING_DAYS,
    answer_record_on_the_spot,
    assignment_create,
)
from ...services.intake import petition_merge
from .. import versions
from ..models import EntryState, LiveEntry
from .queue import locked_entry

WRITTEN_WORKING_DAYS = DEFAULT_AFTER_WORKING_DAYS


def _decide(entry: LiveEntry, state: str, actor) -> None:
    """Move to the outcome state (the entry's map refuses a second outcome), stop the clock, stamp who and when."""
    now = timezone.now()
    entry.set_state(state)
    entry.stop_clock(now)
    entry.decided_at, entry.decided_by = now, actor if getattr(actor, "is_authenticated", False) else None


def _check_petition(entry: LiveEntry) -> None:
    if entry.petition is not None and entry.petition.status == PetitionStatus.MERGED:
        raise Refused(
            _("Kiến nghị số %(n)s đã được gộp vào kiến nghị khác; hãy gộp câu hỏi này.") % {"n": entry.petition.number}
        )


def _real(entry: LiveEntry) -> bool:
    return not entry.session.is_rehearsal and entry.petition is not None


@transaction.atomic
def entry_answered(*, entry: LiveEntry, answered_by: str, summary: str, actor) -> LiveEntry:
    """Answered on the spot: a short summary and who gave it, saved as the petition's approved answer."""
    entry = locked_entry(entry)
    answered_by, summary = (answered_by or "").strip(), (summary or "").strip()
    if not answered_by or not summary:
        raise Refused(_("Nhập người trả lời và tóm tắt nội dung trả lời."))
    if entry.state != EntryState.ON_AIR:
        raise Refused(_("Chỉ ghi “đã trả lời tại chỗ” cho câu hỏi đang trên sóng."))
    _check_petition(entry)
    conference = entry.session.conference
    if _real(entry):
        entry.answer = answer_record_on_the_spot(
            petition=entry.petition,
            answered_by=answered_by,
            summary=summary,
            agency=entry.responder_agency or conference.organiser,
            actor=actor,
        )
    _decide(entry, EntryState.ANSWERED, actor)
    entry.answered_by, entry.answer_summary = answered_by, summary
    entry.save()
    versions.bump(conference, public=True, sites=[entry.bridge_point_id])
    record(
        actor=actor,
        action="live.answered",
        target=entry,
        conference=conference,
        message=_("Câu hỏi %(label)s đã được trả lời tại chỗ: %(who)s") % {"label": entry.label, "who": answered_by},
        answer=entry.answer_id,
    )
    return entry


@transaction.atomic
def entry_in_writing(
    *, entry: LiveEntry, agency: Agency | None, actor, working_days: int = WRITTEN_WORKING_DAYS
) -> LiveEntry:
    """ "Ghi nhận, trả lời bằng văn bản": the agency answers in writing within N working days of the dialogue date."""
    entry = locked_entry(entry)
    _check_petition(entry)
    conference = entry.session.conference
    if agency is None:
        raise Refused(_("Chọn cơ quan trả lời bằng văn bản."))
    if not 1 <= working_days <= 365:
        raise Refused(_("Số ngày làm việc phải từ 1 đến 365."))
    if entry.state not in (EntryState.QUEUED, EntryState.ON_AIR):
        raise Refused(_("Câu hỏi đã có kết quả."))
    if _real(entry):
        entry.assignment = Assignment.objects.open().filter(petition=entry.petition).order_by("id").first()
        if entry.assignment is None:
            entry.assignment = assignment_create(
                petition=entry.petition,
                lead_agency=agency,
                due=DeadlineSpec(DeadlineRule.WORKING_DAYS, working_days, entry.session.dialogue_day),
                stage=AssignmentStage.AFTER_CONFERENCE,
                actor=actor,
            )
    _decide(entry, EntryState.IN_WRITING, actor)
    entry.responder_agency = entry.responder_agency or agency
    entry.save()
    versions.bump(conference, public=True, sites=[entry.bridge_point_id])
    record(
        actor=actor,
        action="live.in_writing",
        target=entry,
        conference=conference,
        message=_("Câu hỏi %(label)s: ghi nhận, %(agency)s trả lời bằng văn bản")
        % {"label": entry.label, "agency": entry.assignment.lead_agency if entry.assignment else agency},
        assignment=entry.assignment_id,
        agency=agency.pk,
        working_days=working_days,
    )
    return entry


@transaction.atomic
def entry_merge(*, entry: LiveEntry, into: LiveEntry, actor) -> LiveEntry:
    """Merged into a similar question of the same session: its answer will be the kept question's."""
    entry = locked_entry(entry)
    into = locked(LiveEntry.objects.select_related("petition"), pk=into.pk, version=None)
    if into.session_id != entry.session_id or into.pk == entry.pk:
        raise Refused(_("Chọn một câu hỏi khác của cùng phiên để gộp vào."))
    if into.state == EntryState.MERGED:
        raise Refused(_("Câu hỏi %(label)s đã được gộp; hãy gộp vào câu hỏi được giữ lại.") % {"label": into.label})
    if entry.state not in (EntryState.QUEUED, EntryState.ON_AIR):
        raise Refused(_("Câu hỏi đã có kết quả."))
    if _real(entry) and into.petition is not None:
        petition_merge(duplicate=entry.petition, into=into.petition, actor=actor)
    _decide(entry, EntryState.MERGED, actor)
    entry.merged_into = into
    entry.save()
    versions.bump(entry.session.conference, public=True, sites=[entry.bridge_point_id])
    record(
        actor=actor,
        action="live.merged",
        target=entry,
        conference=entry.session.conference,
        message=_("Gộp câu hỏi %(label)s vào câu hỏi %(into)s") % {"label": entry.label, "into": into.label},
        into=into.pk,
    )
    return entry
