"""Which answer reminders a pass produces on Wednesday 20/11/2024, and to whom."""

from datetime import date

import pytest

from conferences.models import Notification, ReminderRecord
from conferences.notifications.reminders import run_pass
from petitions.models import AnswerState, AssignmentStatus
from tests.factories import AnswerFactory
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _stages(user, item_key):
    return sorted(ReminderRecord.objects.filter(user=user, item_key=item_key).values_list("stage", flat=True))


def test_an_answer_due_in_three_working_days_reminds_the_agency_officers(world, assign):
    # Wed 20 -> Mon 25/11: Thu, Fri, Mon = 3 working days.
    assignment = assign(world.labour, date(2024, 11, 25))
    run_pass(day=DAY)
    key = f"assignment:{assignment.pk}"
    assert _stages(world.officer, key) == ["due_soon"]
    assert _stages(world.officer2, key) == ["due_soon"]
    assert _stages(world.finance_officer, key) == []
    assert _stages(world.home_affairs, key) == []


def test_an_answer_due_in_four_working_days_is_not_reminded_yet(world, assign):
    assign(world.labour, date(2024, 11, 26))
    assert run_pass(day=DAY).reminders == 0
    assert not ReminderRecord.objects.exists()


def test_an_answer_due_today_gets_the_due_today_reminder(world, assign):
    assignment = assign(world.labour, DAY)
    run_pass(day=DAY)
    assert _stages(world.officer, f"assignment:{assignment.pk}") == ["due_today"]


@pytest.mark.parametrize(
    ("due", "stage"),
    [
        (date(2024, 11, 19), "overdue:1"),  # 1 working day late
        (date(2024, 11, 18), "overdue:1"),  # 2: the day-1 bucket, already sent on a real calendar
        (date(2024, 11, 14), "overdue:4"),  # Thu 14 -> 15, 18, 19, 20 = 4
        (date(2024, 11, 8), "overdue:7"),  # Fri 8 -> 11..15, 18..20 = 8 -> bucket 7
    ],
)
def test_overdue_answers_are_reminded_on_day_one_and_then_every_three_working_days(world, assign, due, stage):
    assignment = assign(world.labour, due)
    run_pass(day=DAY)
    assert _stages(world.officer, f"assignment:{assignment.pk}") == [stage]


def test_the_overdue_reminders_follow_the_working_day_calendar_across_days(world, assign):
    assignment = assign(world.labour, date(2024, 11, 13))
    key = f"assignment:{assignment.pk}"
    for day in [date(2024, 11, d) for d in (14, 15, 16, 17, 18, 19, 20, 21, 22, 25)]:
        run_pass(day=day)
    # Overdue 1 (14/11), 4 (19/11), 7 (22/11); no pass on the weekend.
    assert _stages(world.officer, key) == ["overdue:1", "overdue:4", "overdue:7"]


def test_after_five_working_days_overdue_home_affairs_is_told_per_agency(world, assign):
    late = assign(world.labour, date(2024, 11, 13))  # 5 working days overdue
    recent = assign(world.finance, date(2024, 11, 14))  # 4: not escalated
    result = run_pass(day=DAY)
    assert _stages(world.home_affairs, f"assignment:{late.pk}") == ["escalated:5"]
    assert _stages(world.home_affairs, f"assignment:{recent.pk}") == []
    digest = next(o for o in result.outcomes if o.user_id == world.home_affairs.pk)
    assert [r.agency for r in digest.reminders] == ["Sở Lao động"]


def test_escalation_goes_to_home_affairs_of_the_organising_unit_not_of_another(world, assign):
    from conferences.models import Role
    from tests.factories import AgencyFactory, ConferenceFactory, make_user

    district_home_affairs = make_user(Role.HOME_AFFAIRS, AgencyFactory(name="Phòng Nội vụ", unit=world.district))
    district_conference = ConferenceFactory(organising_unit=world.district, year=2024)
    late = assign(world.labour, date(2024, 11, 12), conference=district_conference)
    run_pass(day=DAY)
    assert _stages(district_home_affairs, f"assignment:{late.pk}") == ["escalated:5"]
    assert _stages(world.home_affairs, f"assignment:{late.pk}") == []


@pytest.mark.parametrize("state", [AnswerState.SUBMITTED, AnswerState.APPROVED, AnswerState.PUBLISHED])
def test_an_answer_already_sent_to_home_affairs_is_not_reminded(world, assign, state):
    assignment = assign(world.labour, date(2024, 11, 19))
    AnswerFactory(petition=assignment.petition, assignment=assignment, agency=world.labour, state=state)
    assert run_pass(day=DAY).reminders == 0


def test_a_draft_answer_is_still_reminded(world, assign):
    assignment = assign(world.labour, date(2024, 11, 19))
    AnswerFactory(petition=assignment.petition, assignment=assignment, agency=world.labour, state=AnswerState.DRAFT)
    run_pass(day=DAY)
    assert _stages(world.officer, f"assignment:{assignment.pk}") == ["overdue:1"]


def test_closed_assignments_are_not_reminded(world, assign):
    assign(world.labour, date(2024, 11, 19), status=AssignmentStatus.ANSWERED)
    assign(world.labour, date(2024, 11, 19), status=AssignmentStatus.WITHDRAWN)
    assert run_pass(day=DAY).reminders == 0


def test_a_returned_answer_is_reminded_once_per_return(world, assign):
    assignment = assign(world.labour, date(2024, 12, 20))
    answer = AnswerFactory(
        petition=assignment.petition,
        assignment=assignment,
        agency=world.labour,
        state=AnswerState.RETURNED,
        version=3,
        review_comment="Bổ sung số liệu năm 2024.",
    )
    run_pass(day=DAY)
    run_pass(day=date(2024, 11, 21))
    assert _stages(world.officer, f"answer:{answer.pk}") == ["returned:3"]
    note = Notification.objects.get(user=world.officer, dedupe_key=f"answer:{answer.pk}:returned:3")
    assert "Bổ sung số liệu năm 2024." in note.text


def test_no_pass_runs_on_a_weekend_unless_forced(world, assign):
    assign(world.labour, date(2024, 11, 22))
    saturday = date(2024, 11, 23)
    result = run_pass(day=saturday)
    assert result.skipped_reason and result.reminders == 0
    assert run_pass(day=saturday, force=True).reminders == 2


def test_a_holiday_is_not_counted_as_a_working_day(world, assign):
    # 30/04 and 01/05/2024 are holidays: due Mon 29/04, pass Thu 02/05 -> one working day late.
    assignment = assign(world.labour, date(2024, 4, 29))
    run_pass(day=date(2024, 5, 2))
    assert _stages(world.officer, f"assignment:{assignment.pk}") == ["overdue:1"]
