"""One reminder pass: what is due, to whom, once.

What is reminded (working days on the Vietnamese office calendar, conferences/workdays.py):
- Answers (open assignments whose answer is not yet submitted): due in <= 3 working days, due today, overdue
  (1 working day, then every 3: stages overdue:1, overdue:4, overdue:7, ...), returned for revision. To the lead
  agency's officers. From 5 working days overdue also to Home Affairs of the conference, listed per agency
  (stages escalated:5, escalated:8, ...).
- Intake: Youth Unions below the organising unit before the sites' deadline; the Youth Union of the organising unit
  before (and after) its deadline to Home Affairs; unions that already handed in are left alone.
- Conclusion tasks (directives of issued notices): due in <= 5 working days, due today, overdue like answers with
  the same escalation; "at next year's conference" tasks once the next conference of the same unit exists.
- Immediate events (assignment, return) of people who chose digest-only are folded into their digest.

How it stays once-only: every (person, item, stage) becomes one ReminderRecord (unique); each person is handled in
one transaction that first locks their user row, so two passes at the same time (beat firing twice) serialise per
person and the second finds everything recorded. Stages are buckets, not exact days: a pass missed on day 4 still
sends the 'overdue:4' reminder on day 5.

One email per person per pass: the day's digest (dedupe key digest:<day>:user:<pk>:<n>); a second pass the same day
that finds nothing new writes nothing.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conferences.deadlines import DeadlineRule
from conferences.models import (
    Agency,
    AgencyKind,
    Conference,
    ConferenceStatus,
    IntakeSubmission,
    Membership,
    Notification,
    ReminderRecord,
    Role,
)
from conferences.notifications import outbox
from conferences.notifications.tell import AGENCY_STAFF_ROLES, IMMEDIATE_STAGES
from conferences.people import display_name
from conferences.workdays import WorkCalendar, current_calendar

from .models import Directive, DirectiveStatus, NoticeState

log = logging.getLogger(__name__)

ANSWER_LEAD_DAYS = 3
DIRECTIVE_LEAD_DAYS = 5
OVERDUE_EVERY = 3
ESCALATE_AFTER = 5
FOLD_WINDOW_DAYS = 14  # immediate events older than this are not folded into a digest any more
# A digest lists at most this many items per section (per agency for escalations) and links to the full list:
# an email of thousands of lines helps nobody. Every item still gets its ReminderRecord and its in-app entry.
DIGEST_SECTION_LIMIT = 30
DIGEST_AGENCY_LIMIT = 10


class Group:
    ESCALATED = "escalated"
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    RETURNED = "returned"
    NEW = "new"
    TASK_OVERDUE = "task_overdue"
    TASK_DUE_TODAY = "task_due_today"
    TASK_DUE_SOON = "task_due_soon"
    NEXT_CONFERENCE = "next_conference"
    INTAKE = "intake"


GROUP_TITLES = {
    Group.ESCALATED: gettext_lazy("Cơ quan chậm trả lời, chậm thực hiện từ 5 ngày làm việc trở lên"),
    Group.OVERDUE: gettext_lazy("Kiến nghị quá hạn trả lời"),
    Group.DUE_TODAY: gettext_lazy("Kiến nghị đến hạn trả lời hôm nay"),
    Group.DUE_SOON: gettext_lazy("Kiến nghị sắp đến hạn trả lời"),
    Group.RETURNED: gettext_lazy("Trả lời bị trả lại để sửa"),
    Group.NEW: gettext_lazy("Việc mới được giao, bị trả lại"),
    Group.TASK_OVERDUE: gettext_lazy("Nhiệm vụ sau kết luận quá hạn"),
    Group.TASK_DUE_TODAY: gettext_lazy("Nhiệm vụ sau kết luận đến hạn hôm nay"),
    Group.TASK_DUE_SOON: gettext_lazy("Nhiệm vụ sau kết luận sắp đến hạn"),
    Group.NEXT_CONFERENCE: gettext_lazy("Nhiệm vụ cần báo cáo tại hội nghị đối thoại năm nay"),
    Group.INTAKE: gettext_lazy("Tiếp nhận, tổng hợp kiến nghị của thanh niên"),
}
GROUP_ORDER = list(GROUP_TITLES)


@dataclass(frozen=True)
class Reminder:
    user_id: int
    item_key: str
    stage: str
    group: str
    text: str
    url: str = ""
    due: date | None = None
    days_overdue: int = 0
    agency: str = ""
    agency_id: int | None = None


@dataclass
class UserOutcome:
    user_id: int
    name: str
    email: str
    reminders: list[Reminder]
    email_id: int | None = None


@dataclass
class PassResult:
    day: date
    skipped_reason: str = ""
    dry_run: bool = False
    candidates: int = 0
    outcomes: list[UserOutcome] = field(default_factory=list)

    @property
    def emails(self) -> int:
        return sum(1 for o in self.outcomes if o.email_id or (self.dry_run and o.email))

    @property
    def reminders(self) -> int:
        return sum(len(o.reminders) for o in self.outcomes)

    def by_group(self) -> Counter:
        return Counter(r.group for o in self.outcomes for r in o.reminders)

    def summary(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "skipped": self.skipped_reason,
            "candidates": self.candidates,
            "people": len(self.outcomes),
            "reminders": self.reminders,
            "emails": self.emails,
            "groups": dict(self.by_group()),
        }


# 1. Stages ---------------------------------------------------------------------------------------------------------


class _Clock:
    """Working-day arithmetic for one pass: one calendar snapshot, each distinct due date computed once."""

    def __init__(self, day: date, calendar: WorkCalendar):
        self.day = day
        self.calendar = calendar
        self._between: dict[date, int] = {}

    def between(self, due: date) -> int:
        """Working days from today to due (> 0 ahead, < 0 overdue)."""
        if due not in self._between:
            self._between[due] = self.calendar.working_days_between(self.day, due)
        return self._between[due]

    def horizon(self, lead: int) -> date:
        return self.calendar.add_working_days(self.day, lead).due

    def due_stage(self, due: date, lead: int) -> tuple[str, int] | None:
        """('due_soon'|'due_today'|'overdue:<bucket>', working days overdue) or None if not yet in the window."""
        if due == self.day:
            return "due_today", 0
        n = self.between(due)
        if due > self.day:
            return ("due_soon", 0) if n <= lead else None
        overdue = max(1, -n)  # past the due date is late even if no working day has passed (a forced weekend pass)
        return f"overdue:{1 + OVERDUE_EVERY * ((overdue - 1) // OVERDUE_EVERY)}", overdue


def escalation_stage(days_overdue: int) -> str | None:
    if days_overdue < ESCALATE_AFTER:
        return None
    return f"escalated:{ESCALATE_AFTER + OVERDUE_EVERY * ((days_overdue - ESCALATE_AFTER) // OVERDUE_EVERY)}"


def _url_pattern(name: str) -> str:
    """The URL with {pk} in place of the id (reverse() once per pass, not once per row); '' if not routed."""
    try:
        return reverse(name, kwargs={"pk": 987654321}).replace("987654321", "{pk}")
    except NoReverseMatch:
        return ""


def _linker(name: str, fallback: str):
    """link(pk, fallback_pk): the item's own page, or the fallback page (e.g. the petition) if not routed."""
    own, other = _url_pattern(name), _url_pattern(fallback)
    if own:
        return lambda pk, fallback_pk: own.format(pk=pk)
    return lambda pk, fallback_pk: other.format(pk=fallback_pk) if other else ""


def _fmt(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


# 2. Who -------------------------------------------------------------------------------------------------------------


class _People:
    """Agency staff and Home Affairs by unit, read once per pass."""

    def __init__(self):
        self.staff: dict[int, list[int]] = defaultdict(list)
        self.home_affairs_by_unit: dict[int, list[int]] = defaultdict(list)
        rows = Membership.objects.filter(user__is_active=True).values_list(
            "user_id", "agency_id", "role", "agency__unit_id"
        )
        for user_id, agency_id, role, unit_id in rows:
            if role in AGENCY_STAFF_ROLES:
                self.staff[agency_id].append(user_id)
            elif role == Role.HOME_AFFAIRS:
                self.home_affairs_by_unit[unit_id].append(user_id)
        self._ha_cache: dict[str, list[int]] = {}

    def home_affairs_for(self, unit_path: str) -> list[int]:
        """Home Affairs of the organising unit, or of the nearest unit above it that has any."""
        if unit_path not in self._ha_cache:
            found: list[int] = []
            for unit_id in reversed([int(p) for p in unit_path.strip("/").split("/") if p]):
                found = self.home_affairs_by_unit.get(unit_id, [])
                if found:
                    break
            self._ha_cache[unit_path] = found
        return self._ha_cache[unit_path]


# 3. What ------------------------------------------------------------------------------------------------------------


def _answer_reminders(clock: _Clock, people: _People) -> list[Reminder]:
    from petitions.models import Answer, AnswerRevision, AnswerState, Assignment, AssignmentStatus

    done_states = (AnswerState.SUBMITTED, AnswerState.APPROVED, AnswerState.PUBLISHED)
    assignment_link = _linker("petitions:assignment", "petitions:detail")
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
        if stage_name == "due_today":
            group, text = Group.DUE_TODAY, _("Kiến nghị số %(n)s (hội nghị %(y)s) đến hạn trả lời hôm nay %(due)s")
        elif overdue:
            group, text = (
                Group.OVERDUE,
                _("Kiến nghị số %(n)s (hội nghị %(y)s) quá hạn %(d)s ngày làm việc (hạn %(due)s)"),
            )
        else:
            group, text = Group.DUE_SOON, _("Kiến nghị số %(n)s (hội nghị %(y)s) sắp đến hạn trả lời: %(due)s")
        text = text % {"n": number, "y": year, "d": overdue, "due": _fmt(due)}
        item = f"assignment:{pk}"
        for user_id in people.staff.get(agency_id, ()):
            out.append(Reminder(user_id, item, stage_name, group, text, link, due, overdue, agency))
        escalated = escalation_stage(overdue)
        if escalated:
            for user_id in people.home_affairs_for(unit_path):
                out.append(
                    Reminder(user_id, item, escalated, Group.ESCALATED, text, link, due, overdue, agency, agency_id)
                )

    # Returned answers, whatever their due date: the stage is the version the return produced (as notify uses).
    returned = {
        row["answer_id"]: row["v"]
        for row in AnswerRevision.objects.filter(
            answer__state=AnswerState.RETURNED, action__in=("returned", "reopened")
        )
        .values("answer_id")
        .annotate(v=Max("version"))
    }
    answer_link = _linker("petitions:answer", "petitions:detail")
    for pk, version, agency_id, number, year, petition_id, comment in (
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
    ):
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


def _intake_reminders(clock: _Clock, people: _People) -> list[Reminder]:
    out: list[Reminder] = []
    conferences = (
        Conference.objects.filter(status=ConferenceStatus.COLLECTING)
        .exclude(site_intake_deadline__isnull=True, union_intake_deadline__isnull=True)
        .select_related("organising_unit")
    )
    for conference in conferences:
        unit = conference.organising_unit
        handed_in = set(IntakeSubmission.objects.filter(conference=conference).values_list("agency_id", flat=True))
        unions = (
            Agency.objects.filter(kind=AgencyKind.YOUTH_UNION, unit__path__startswith=unit.path)
            .active_on(clock.day)
            .exclude(pk__in=handed_in)
            .values_list("pk", "unit_id")
        )
        url = conference.get_absolute_url()
        for agency_id, unit_id in unions:
            own_level = unit_id == unit.pk
            due = conference.union_intake_deadline if own_level else conference.site_intake_deadline
            if due is None:
                continue
            stage = clock.due_stage(due, ANSWER_LEAD_DAYS)
            if stage is None or (stage[1] and not own_level):
                continue  # sites are reminded before and on their deadline only
            stage_name, overdue = stage
            if own_level:
                text = _("Hạn gửi tổng hợp kiến nghị cho cơ quan Nội vụ: %(due)s – %(c)s")
                if overdue:
                    text = _(
                        "Đã quá hạn gửi tổng hợp kiến nghị cho cơ quan Nội vụ %(d)s ngày làm việc (hạn %(due)s) – %(c)s"
                    )
            else:
                text = _("Hạn gửi ý kiến, kiến nghị của thanh niên về Đoàn cấp trên: %(due)s – %(c)s")
            text = text % {"due": _fmt(due), "d": overdue, "c": conference.title}
            item = f"intake:{conference.pk}:{agency_id}"
            for user_id in people.staff.get(agency_id, ()):
                out.append(Reminder(user_id, item, stage_name, Group.INTAKE, text, url, due, overdue))
    return out


def _next_conferences(unit_ids: set[int]) -> dict[tuple[int, int], tuple[int, date | None, str]]:
    """(unit, year) -> the first later conference of that unit (pk, dialogue date, title)."""
    rows = list(
        Conference.objects.filter(organising_unit_id__in=unit_ids)
        .order_by("organising_unit_id", "year")
        .values_list("pk", "organising_unit_id", "year", "held_on", "planned_date", "title")
    )
    found: dict[tuple[int, int], tuple[int, date | None, str]] = {}
    for unit_id, year in {(r[1], r[2]) for r in rows}:
        later = [r for r in rows if r[1] == unit_id and r[2] > year]
        if later:
            first = later[0]
            found[(unit_id, year)] = (first[0], first[3] or first[4], first[5])
    return found


def _directive_reminders(clock: _Clock, people: _People) -> list[Reminder]:
    url = _url_pattern("conclusions:directive_detail")
    rows = list(
        Directive.objects.filter(
            notice__state=NoticeState.ISSUED,
            status__in=(DirectiveStatus.OPEN, DirectiveStatus.IN_PROGRESS),
            agency__isnull=False,
        ).values_list(
            "pk",
            "text",
            "due_date",
            "deadline_kind",
            "agency_id",
            "agency__short_name",
            "agency__name",
            "notice__conference__organising_unit_id",
            "notice__conference__organising_unit__path",
            "notice__conference__year",
        )
    )
    next_map = _next_conferences({r[7] for r in rows if r[3] == DeadlineRule.NEXT_CONFERENCE})
    out: list[Reminder] = []
    for pk, task, due, kind, agency_id, short, name, unit_id, unit_path, year in rows:
        agency = short or name
        item = f"directive:{pk}"
        link = url.format(pk=pk)
        task = task.lstrip("-–• ").strip()
        summary = task if len(task) <= 160 else task[:157] + "…"
        staff = people.staff.get(agency_id, ())
        if kind == DeadlineRule.NEXT_CONFERENCE:
            nxt = next_map.get((unit_id, year))
            if nxt is None:
                continue
            next_pk, next_day, next_title = nxt
            text = _("Nhiệm vụ “%(t)s” cần báo cáo kết quả tại %(c)s%(on)s") % {
                "t": summary,
                "c": next_title,
                "on": (" " + _("ngày %(d)s") % {"d": _fmt(next_day)}) if next_day else "",
            }
            for user_id in staff:
                out.append(Reminder(user_id, item, f"next:{next_pk}", Group.NEXT_CONFERENCE, text, link, next_day))
            due = next_day
        if due is None:
            continue
        stage = clock.due_stage(due, DIRECTIVE_LEAD_DAYS)
        if stage is None:
            continue
        stage_name, overdue = stage
        if stage_name == "due_today":
            group, text = Group.TASK_DUE_TODAY, _("Nhiệm vụ “%(t)s” đến hạn hôm nay %(due)s")
        elif overdue:
            group, text = Group.TASK_OVERDUE, _("Nhiệm vụ “%(t)s” quá hạn %(d)s ngày làm việc (hạn %(due)s)")
        else:
            group, text = Group.TASK_DUE_SOON, _("Nhiệm vụ “%(t)s” sắp đến hạn: %(due)s")
        text = text % {"t": summary, "d": overdue, "due": _fmt(due)}
        for user_id in staff:
            out.append(Reminder(user_id, item, stage_name, group, text, link, due, overdue, agency))
        escalated = escalation_stage(overdue)
        if escalated:
            for user_id in people.home_affairs_for(unit_path):
                out.append(
                    Reminder(user_id, item, escalated, Group.ESCALATED, text, link, due, overdue, agency, agency_id)
                )
    return out


def collect(day: date) -> list[Reminder]:
    """Everything that could be reminded today, before checking what was already sent. Reads only."""
    clock = _Clock(day, current_calendar())
    people = _People()
    with translation.override("vi"):
        return [
            *_answer_reminders(clock, people),
            *_intake_reminders(clock, people),
            *_directive_reminders(clock, people),
        ]


# 4. Writing ---------------------------------------------------------------------------------------------------------


def _monitoring_url(agency_id: int | None) -> str:
    base = _url_plain("conclusions:monitoring")
    return f"{base}?agency={agency_id}&only_overdue=on" if base and agency_id else base


def _url_plain(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _digest_item(r: Reminder) -> dict:
    return {"text": r.text, "url": outbox.absolute_url(r.url)}


def _sections(reminders: list[Reminder]) -> list[dict]:
    """Digest sections in a fixed order, each capped with a link to the rest; escalations grouped by agency."""
    grouped: dict[str, list[Reminder]] = defaultdict(list)
    for r in reminders:
        grouped[r.group].append(r)
    full_list = outbox.absolute_url(_url_plain("notifications:list"))
    sections = []
    for group in GROUP_ORDER:
        rows = grouped.get(group)
        if not rows:
            continue
        rows.sort(key=lambda r: (r.agency, -r.days_overdue, r.due or date.max, r.item_key))
        section = {"key": group, "title": GROUP_TITLES[group], "count": len(rows)}
        if group == Group.ESCALATED:
            by_agency: dict[tuple[str, int | None], list[Reminder]] = defaultdict(list)
            for r in rows:
                by_agency[(r.agency, r.agency_id)].append(r)
            section["agencies"] = [
                {
                    "name": name,
                    "count": len(items),
                    "items": [_digest_item(r) for r in items[:DIGEST_AGENCY_LIMIT]],
                    "more": max(0, len(items) - DIGEST_AGENCY_LIMIT),
                    "more_url": outbox.absolute_url(_monitoring_url(agency_id)),
                }
                for (name, agency_id), items in sorted(by_agency.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))
            ]
        else:
            section["items"] = [_digest_item(r) for r in rows[:DIGEST_SECTION_LIMIT]]
            section["more"] = max(0, len(rows) - DIGEST_SECTION_LIMIT)
            section["more_url"] = full_list
        sections.append(section)
    return sections


def _notifications_for(user, new: list[Reminder], day: date) -> list[Notification]:
    """One in-app entry per item; escalations one per agency and day ('Sở X: 12 việc quá hạn ...')."""
    notes = [
        Notification(
            user=user, kind=f"reminder:{r.group}", text=r.text[:500], url=r.url, dedupe_key=f"{r.item_key}:{r.stage}"
        )
        for r in new
        if r.group != Group.ESCALATED
    ]
    escalated = Counter((r.agency, r.agency_id) for r in new if r.group == Group.ESCALATED)
    for (agency, agency_id), count in escalated.items():
        text = _("%(agency)s: %(n)s việc quá hạn từ 5 ngày làm việc trở lên") % {"agency": agency, "n": count}
        notes.append(
            Notification(
                user=user,
                kind=f"reminder:{Group.ESCALATED}",
                text=text,
                url=_monitoring_url(agency_id),
                dedupe_key=f"escalated:{day.isoformat()}:agency:{agency_id}",
            )
        )
    return notes


# Inserting tens of thousands of rows per pass: on PostgreSQL one INSERT ... SELECT unnest(arrays) per person instead
# of Django model instances (bulk_create spent most of the pass building and quoting them); elsewhere bulk_create.
# Both skip rows that already exist (ON CONFLICT DO NOTHING), so a concurrent notify.tell() cannot fail the pass.


def _insert_records(user_id: int, reminders: list[Reminder], email_id: int | None) -> None:
    if not reminders:
        return
    now = timezone.now()
    if connection.vendor != "postgresql":
        ReminderRecord.objects.bulk_create(
            [
                ReminderRecord(user_id=user_id, item_key=r.item_key, stage=r.stage, email_id=email_id, created_at=now)
                for r in reminders
            ],
            ignore_conflicts=True,
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ReminderRecord._meta.db_table} (user_id, item_key, stage, email_id, created_at) "
            "SELECT %s, item_key, stage, %s, %s FROM unnest(%s::text[], %s::text[]) AS t(item_key, stage) "
            "ON CONFLICT DO NOTHING",
            [user_id, email_id, now, [r.item_key for r in reminders], [r.stage for r in reminders]],
        )


def _insert_notifications(notes: list[Notification]) -> None:
    if not notes:
        return
    if connection.vendor != "postgresql":
        Notification.objects.bulk_create(notes, ignore_conflicts=True)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Notification._meta.db_table} (user_id, kind, text, url, dedupe_key, created_at) "
            "SELECT %s, kind, text, url, dedupe_key, %s "
            "FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[]) AS t(kind, text, url, dedupe_key) "
            "ON CONFLICT DO NOTHING",
            [
                notes[0].user_id,
                timezone.now(),
                [n.kind for n in notes],
                [n.text for n in notes],
                [n.url for n in notes],
                [n.dedupe_key for n in notes],
            ],
        )


def _folded_immediate(user, day: date) -> list[ReminderRecord]:
    """Immediate events of a digest-only person not yet emailed to them."""
    membership = getattr(user, "membership", None)
    if not (membership and membership.digest_only and user.email):
        return []
    since = timezone.now() - timedelta(days=FOLD_WINDOW_DAYS)
    records = ReminderRecord.objects.filter(user=user, email__isnull=True, created_at__gte=since)
    return [r for r in records if r.stage == "created" or r.stage.startswith(IMMEDIATE_STAGES)]


def _digest_key(user_id: int, day: date) -> str:
    prefix = f"digest:{day.isoformat()}:user:{user_id}:"
    from conferences.models import OutgoingEmail

    sent_today = OutgoingEmail.objects.filter(dedupe_key__startswith=prefix).count()
    return f"{prefix}{sent_today + 1}"


def _deliver_to(user_id: int, reminders: list[Reminder], day: date, *, dry_run: bool) -> UserOutcome | None:
    User = get_user_model()
    with transaction.atomic():
        # The lock serialises concurrent passes (and notify.tell) for this person: check-then-insert is safe.
        user = User.objects.select_for_update(of=("self",)).select_related("membership").filter(pk=user_id).first()
        if user is None or not user.is_active:
            return None
        keys = {r.item_key for r in reminders}
        done = set(ReminderRecord.objects.filter(user=user, item_key__in=keys).values_list("item_key", "stage"))
        new: dict[tuple[str, str], Reminder] = {}
        for r in reminders:
            if (r.item_key, r.stage) not in done:
                new.setdefault((r.item_key, r.stage), r)
        folded = _folded_immediate(user, day)
        if folded:
            told = {
                key: (text, url)
                for key, text, url in Notification.objects.filter(
                    user=user, dedupe_key__in=[f"{r.item_key}:{r.stage}" for r in folded]
                ).values_list("dedupe_key", "text", "url")
            }
            folded_reminders = [
                Reminder(
                    user.pk, r.item_key, r.stage, Group.NEW, *told.get(f"{r.item_key}:{r.stage}", (r.item_key, ""))
                )
                for r in folded
            ]
        else:
            folded_reminders = []
        if not new and not folded_reminders:
            return None
        all_reminders = [*new.values(), *folded_reminders]
        name = display_name(user)
        outcome = UserOutcome(user.pk, name, user.email, all_reminders)
        if dry_run:
            return outcome
        _insert_notifications(_notifications_for(user, list(new.values()), day))
        email = None
        if user.email:
            rendered = outbox.render(
                "digest",
                {
                    "user": user,
                    "name": name,
                    "day": day,
                    "sections": _sections(all_reminders),
                    "count": len(all_reminders),
                },
            )
            email, _created = outbox.enqueue(
                recipient=user,
                kind="digest",
                dedupe_key=_digest_key(user.pk, day),
                rendered=rendered,
                items=[{"item": r.item_key, "stage": r.stage} for r in all_reminders],
            )
            outcome.email_id = email.pk
        _insert_records(user.pk, list(new.values()), email.pk if email else None)
        if folded and email is not None:
            ReminderRecord.objects.filter(pk__in=[r.pk for r in folded], email__isnull=True).update(email=email)
    return outcome


def run_pass(*, day: date | None = None, dry_run: bool = False, force: bool = False) -> PassResult:
    """One reminder pass for `day` (today by default). Idempotent: running it again the same day adds nothing."""
    day = day or timezone.localdate()
    result = PassResult(day=day, dry_run=dry_run)
    calendar = current_calendar()
    if not force and not calendar.is_working_day(day):
        result.skipped_reason = _("Ngày %(d)s không phải ngày làm việc; không gửi nhắc việc.") % {"d": _fmt(day)}
        return result
    reminders = collect(day)
    result.candidates = len(reminders)
    by_user: dict[int, list[Reminder]] = defaultdict(list)
    for r in reminders:
        by_user[r.user_id].append(r)
    # Digest-only people with folded events but nothing due today still get their digest.
    folded_users = (
        ReminderRecord.objects.filter(
            email__isnull=True,
            user__membership__digest_only=True,
            created_at__gte=timezone.now() - timedelta(days=FOLD_WINDOW_DAYS),
        )
        .exclude(user__email="")
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in folded_users:
        by_user.setdefault(user_id, [])
    with translation.override("vi"):
        for user_id in sorted(by_user):
            outcome = _deliver_to(user_id, by_user[user_id], day, dry_run=dry_run)
            if outcome is not None:
                result.outcomes.append(outcome)
    log.info("reminder pass %s: %s", day, result.summary())
    return result
