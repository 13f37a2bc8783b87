"""The minutes of a session: a chronological log (time, site, question, who answered, minutes on air, outcome), the
working record the notice is drafted from. `minutes_of(session)` reads it once; the page, the DOCX and the XLSX
writers only format it, so the three always say the same. Written in Vietnamese whatever the reader's language: it
is a record of the conference. Speaker names are private and never part of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone, translation

from ..models import EntryState, LiveEntry, LiveSession


@dataclass
class MinuteRow:
    number: int
    time: str
    site: str
    unit: str
    label: str
    question: str
    responder: str
    seconds_on_air: int
    outcome: str
    detail: str

    @property
    def on_air(self) -> str:
        """m:ss, as a stopwatch shows it."""
        return f"{self.seconds_on_air // 60}:{self.seconds_on_air % 60:02d}"

    @property
    def minutes_on_air(self) -> float:
        return round(self.seconds_on_air / 60, 1)


@dataclass
class Minutes:
    conference_title: str
    rehearsal: bool
    started_at: datetime | None
    ended_at: datetime | None
    rows: list[MinuteRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def date_line(self) -> str:
        if self.started_at is None:
            return ""
        start = timezone.localtime(self.started_at)
        end = f" – {timezone.localtime(self.ended_at):%H:%M}" if self.ended_at else " – (đang diễn ra)"
        return f"Ngày {start:%d/%m/%Y}, từ {start:%H:%M}{end}"

    @property
    def summary_line(self) -> str:
        return (
            f"Trả lời tại chỗ: {self.counts.get(EntryState.ANSWERED, 0)}; "
            f"trả lời bằng văn bản: {self.counts.get(EntryState.IN_WRITING, 0)}; "
            f"gộp vào câu hỏi tương tự: {self.counts.get(EntryState.MERGED, 0)}."
        )


def _detail(entry: LiveEntry) -> str:
    if entry.state == EntryState.ANSWERED:
        return entry.answer_summary
    if entry.state == EntryState.IN_WRITING:
        if entry.assignment is not None:
            return f"Giao {entry.assignment.lead_agency} trả lời bằng văn bản, hạn {entry.assignment.due_date:%d/%m/%Y}"
        return f"Giao {entry.responder_agency} trả lời bằng văn bản" if entry.responder_agency_id else ""
    if entry.state == EntryState.MERGED and entry.merged_into is not None:
        return f"Gộp vào câu hỏi số {entry.merged_into.label}"
    return ""


def _outcome(entry: LiveEntry) -> str:
    if entry.is_decided:
        return str(entry.get_state_display())
    return "Đang trên sóng" if entry.state == EntryState.ON_AIR else "Đã lên sóng, chưa có kết quả"


def minutes_of(session: LiveSession | None) -> Minutes:
    if session is None:
        return Minutes(conference_title="", rehearsal=False, started_at=None, ended_at=None)
    now = timezone.now()
    minutes = Minutes(
        conference_title=session.conference.title,
        rehearsal=session.is_rehearsal,
        started_at=session.started_at,
        ended_at=session.ended_at,
    )
    with translation.override("vi"):
        for number, entry in enumerate(session.entries.for_minutes(), start=1):
            moment = entry.first_aired_at or entry.decided_at
            minutes.rows.append(
                MinuteRow(
                    number=number,
                    time=f"{timezone.localtime(moment):%H:%M}" if moment else "",
                    site=entry.bridge_point.name if entry.bridge_point_id else "",
                    unit=entry.submitting_unit,
                    label=entry.label,
                    question=entry.content,
                    responder=entry.answered_by or entry.responder_label,
                    seconds_on_air=entry.seconds_on_air(now),
                    outcome=_outcome(entry),
                    detail=_detail(entry),
                )
            )
            if entry.is_decided:
                minutes.counts[entry.state] = minutes.counts.get(entry.state, 0) + 1
    return minutes
