"""What petitions remind, for the reminder pass (conferences.notifications.reminders; registered in apps.py).

- Answers (open assignments whose answer is not yet submitted): due in <= 3 working days, due today, overdue
  (1 working day, then every 3: stages overdue:1, overdue:4, overdue:7, ...), returned for revision. To the lead
  agency's officers. From 5 working days overdue also to Home Affairs of the conference, listed per agency
  (stages escalated:5, escalated:8, ...).
- Intake: Youth Unions below the organising unit before the sites' deadline; the Youth Union of the organising unit
  before (and after) its deadline to Home Affairs; unions that already handed in are left alone.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext as _

from conferences.models import Agency, AgencyKind, Conference, ConferenceStatus, IntakeSubmission
from conferences.notifications.reminders import Clock, Group, People, Reminder, escalation_stage, fmt_day, linker

from .models import (
    SENT_ANSWER_STATES,
    Answer,
    AnswerRevision,
    AnswerState,
    Assignment,
    AssignmentStatus,
    RevisionAction,
)

ANSWER_LEAD_DAYS = 3
INTAKE_LEAD_DAYS = ANSWER_LEAD_DAYS


def answer_reminders(clock: Clock, people: People) -> list[Reminder]:
    return [*_assignment_reminders(clock, people), *_returned_answer_reminders(people)]


def _assignment_text(stage_name: str, overdue: int) -> tuple[str, str]:
    if stage_name == "due_today":
        return Group.DUE_TODAY, _("Kiến nghị số %(n)s (hội nghị %(y)s) đến hạn trả lời hôm nay %(due)s")
    if overdue:
        return Group.OVERDUE, _("Kiến nghị số %(n)s (hội nghị %(y)s) quá hạn %(d)s ngày làm việc (hạn %(due)s)")
    return Group.DUE_SOON, _("Kiến nghị số %(n)s (hội nghị %(y)s) sắp đến hạn trả lời: %(due)s")


def _assignment_reminders(clock: Clock, people: People) -> list[Reminder]:
    done_states = SENT_ANSWER_STATES
    assignment_link = linker("petitions:assignment", "petitions:detail")
    rows = (
        Assignment.objects.filter(status=AssignmentStatus.ACTIVE, due_date__lte=clock.horizon(ANSWER_LEAD_DAYS))
        .exclude(answer__state__in=done_states)
        .values_list(
            "pk",
            "due_date",
            "lead_agency_id",
            "lead_agency__short_name",
            "lead_agency__name",
            "petition_id",
            "petition__number",
            "petition__conference__year",
            "petition__conference__organising_unit__path",
        )
        .order_by("due_date", "pk")
    )
    out: list[Reminder] = []
    for pk, due, agency_id, short, name, petition_id, number, year, unit_path in rows.iterator(chunk_size=2000):
        stage = clock.due_stage(due, ANSWER_LEAD_DAYS)
        if stage is None:
            continue
        stage_name, overdue = stage
        agency = short or name
        link = assignment_link(pk, petition_id)
        group, text = _assignment_text(stage_name, overdue)
        text = text % {"n": number, "y": year, "d": overdue, "due": fmt_day(due)}
        item = f"assignment:{pk}"
        for user_id in people.staff.get(agency_id, ()):
            out.append(Reminder(user_id, item, stage_name, group, text, link, due, overdue, agency))
        escalated = escalation_stage(overdue)
        if escalated:
            for user_id in people.home_affairs_for(unit_path):
                out.append(
                    Reminder(user_id, item, escalated, Group.ESCALATED, text, link, due, overdue, agency, agency_id)
                )
    return out


def _returned_answer_reminders(people: People) -> list[Reminder]:
    """Returned answers, whatever their due date: the stage is the version the return produced (as notify uses)."""
    returned = {
        row["answer_id"]: row["v"]
        for row in AnswerRevision.objects.filter(
            answer__state=AnswerState.RETURNED, action__in=(RevisionAction.RETURNED, RevisionAction.REOPENED)
        )
        .values("answer_id")
        .annotate(v=Max("version"))
    }
    answer_link = linker("petitions:answer", "petitions:detail")
    rows = (
        Answer.objects.filter(state=AnswerState.RETURNED, agency__isnull=False)
        .filter(assignment__status=AssignmentStatus.ACTIVE)
        .values_list(
            "pk",
            "version",
            "agency_id",
            "petition__number",
            "petition__conference__year",
            "petition_id",
            "review_comment",
        )
    )
    out: list[Reminder] = []
    for pk, version, agency_id, number, year, petition_id, comment in rows:
        text = _("Trả lời kiến nghị số %(n)s (hội nghị %(y)s) bị trả lại để sửa: %(c)s") % {
            "n": number,
            "y": year,
            "c": comment,
        }
        link = answer_link(pk, petition_id)
        stage_name = f"returned:{returned.get(pk, version)}"
        for user_id in people.staff.get(agency_id, ()):
            out.append(Reminder(user_id, f"answer:{pk}", stage_name, Group.RETURNED, text, link))
    return out


def _intake_text(own_level: bool, overdue: int) -> str:
    if not own_level:
        return _("Hạn gửi ý kiến, kiến nghị của thanh niên về Đoàn cấp trên: %(due)s – %(c)s")
    if overdue:
        return _("Đã quá hạn gửi tổng hợp kiến nghị cho cơ quan Nội vụ %(d)s ngày làm việc (hạn %(due)s) – %(c)s")
    return _("Hạn gửi tổng hợp kiến nghị cho cơ quan Nội vụ: %(due)s – %(c)s")


def intake_reminders(clock: Clock, people: People) -> list[Reminder]:
    out: list[Reminder] = []
    conferences = (
        Conference.objects.filter(status=ConferenceStatus.COLLECTING)
        .exclude(site_intake_deadline__isnull=True, union_intake_deadline__isnull=True)
        .select_related("organising_unit")
    )
    for conference in conferences:
        out.extend(_conference_intake_reminders(conference, clock, people))
    return out


def _conference_intake_reminders(conference: Conference, clock: Clock, people: People) -> list[Reminder]:
    unit = conference.organising_unit
    handed_in = set(IntakeSubmission.objects.filter(conference=conference).values_list("agency_id", flat=True))
    unions = (
        Agency.objects.filter(kind=AgencyKind.YOUTH_UNION, unit__path__startswith=unit.path)
        .active_on(clock.day)
        .exclude(pk__in=handed_in)
        .values_list("pk", "unit_id")
    )
    url = conference.get_absolute_url()
    out: list[Reminder] = []
    for agency_id, unit_id in unions:
        own_level = unit_id == unit.pk
        due = conference.union_intake_deadline if own_level else conference.site_intake_deadline
        if due is None:
            continue
        stage = clock.due_stage(due, INTAKE_LEAD_DAYS)
        if stage is None or (stage[1] and not own_level):
            continue  # sites are reminded before and on their deadline only
        stage_name, overdue = stage
        text = _intake_text(own_level, overdue) % {"due": fmt_day(due), "d": overdue, "c": conference.title}
        item = f"intake:{conference.pk}:{agency_id}"
        for user_id in people.staff.get(agency_id, ()):
            out.append(Reminder(user_id, item, stage_name, Group.INTAKE, text, url, due, overdue))
    return out
