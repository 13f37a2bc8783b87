import pytest

from conclusions.stats import figures as stats
from conferences.models import Conference
from tests.stats.conftest import TODAY

pytestmark = pytest.mark.django_db


def _by_label(rows):
    return {row.label: row for row in rows}


def test_answers_are_counted_on_time_late_overdue_or_pending_per_lead_agency(world):
    rows = _by_label(stats.answer_timeliness(Conference.objects.filter(pk=world.conference.pk), today=TODAY))
    a, b = rows["Phòng Nông nghiệp"], rows["Phòng Lao động"]
    assert (a.on_time, a.late, a.overdue, a.pending, a.no_deadline) == (1, 1, 1, 1, 0)
    # A draft is not an answer sent: its assignment is overdue however early the draft was written.
    assert (b.on_time, b.late, b.overdue, b.pending) == (1, 0, 1, 0)


def test_answers_given_without_an_assignment_count_as_without_deadline(world):
    rows = _by_label(stats.answer_timeliness(Conference.objects.filter(pk=world.conference.pk), today=TODAY))
    assert rows["UBND huyện Một"].no_deadline == 1
    assert rows["UBND huyện Một"].on_time_percent is None


def test_median_working_days_to_answer_per_agency_and_overall(world):
    rows = stats.answer_timeliness(Conference.objects.filter(pk=world.conference.pk), today=TODAY)
    by_label = _by_label(rows)
    # 04/03 -> 11/03 is 5 working days, 04/03 -> 18/03 is 10, 04/03 -> 07/03 is 3.
    assert sorted(by_label["Phòng Nông nghiệp"].days) == [5, 10]
    assert by_label["Phòng Nông nghiệp"].median_days == 7.5
    assert by_label["Phòng Lao động"].median_days == 3
    assert stats.median_days_overall(rows) == 5


def test_working_days_skip_public_holidays(world):
    from datetime import date

    from petitions.models import Petition
    from tests.stats.conftest import assign

    petition = Petition.objects.get(conference=world.conference, number=4)
    petition.assignments.all().delete()
    # Friday 26/04/2024 -> Monday 06/05/2024: 29/04 (swap day), 30/04 and 01/05 are days off in 2024.
    assign(petition, world.agency_b, assigned=date(2024, 4, 26), due=date(2024, 5, 31), sent=date(2024, 5, 6))
    rows = _by_label(stats.answer_timeliness(Conference.objects.filter(pk=world.conference.pk), today=TODAY))
    from conferences import workdays

    expected = workdays.working_days_between(date(2024, 4, 26), date(2024, 5, 6))
    assert expected < 6  # fewer than the six weekdays between them
    assert expected in rows["Phòng Lao động"].days


def test_the_on_time_rate_is_computed_over_answers_sent_against_a_deadline(world):
    rows = _by_label(stats.answer_timeliness(Conference.objects.filter(pk=world.conference.pk), today=TODAY))
    assert rows["Phòng Nông nghiệp"].on_time_percent == 50.0
    assert rows["Phòng Lao động"].on_time_percent == 100.0


def test_year_grouping_sums_every_agency_of_the_year(world):
    rows = stats.answer_timeliness(Conference.objects.filter(organising_unit=world.district), today=TODAY, by="year")
    assert [r.label for r in rows] == ["2024"]
    assert (rows[0].on_time, rows[0].late, rows[0].overdue, rows[0].pending, rows[0].no_deadline) == (2, 1, 2, 1, 1)
