import pytest

from conclusions.stats import figures as stats
from conferences.models import Conference
from tests.stats.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_tasks_are_done_open_or_overdue_per_agency_and_cancelled_ones_are_left_out(world):
    rows = {r.label: r for r in stats.task_progress_by_agency(Conference.objects.all(), today=TODAY)}
    assert (rows["Phòng Nông nghiệp"].done, rows["Phòng Nông nghiệp"].open, rows["Phòng Nông nghiệp"].overdue) == (
        1,
        1,
        1,
    )
    # Reported done but not confirmed by Home Affairs is still open; no due date means never overdue.
    assert (rows["Phòng Lao động"].done, rows["Phòng Lao động"].open, rows["Phòng Lao động"].overdue) == (0, 1, 0)


def test_tasks_of_a_draft_notice_are_not_counted(world):
    rows = stats.task_progress_by_agency(Conference.objects.filter(pk=world.conference_2023.pk), today=TODAY)
    assert rows == []


def test_tasks_by_year(world):
    years = stats.task_progress_by_year(Conference.objects.filter(organising_unit=world.district), today=TODAY)
    assert list(years) == [2024]
    assert (years[2024].done, years[2024].open, years[2024].overdue) == (1, 2, 1)
