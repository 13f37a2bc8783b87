"""The monitoring page: open tasks and forwarded petitions by agency, overdue counts, on-time rate, Excel export."""

import io
from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conclusions.followup import monitoring
from conclusions.models import DirectiveStatus
from conferences.models import Role
from petitions.models import AnswerState, AssignmentStatus
from tests.factories import PASSWORD, AgencyFactory, AnswerFactory, ConferenceFactory, UnitFactory, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2024, 11, 20)


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(9)))


@pytest.fixture
def board(world, task, assign):
    """Labour: one overdue task, one task done on time, one overdue petition, one answered late.
    Finance: one task in progress (not due), one petition whose answer waits for review (not the agency's delay)."""
    task(world.labour, date(2024, 11, 1), text="Nhiệm vụ quá hạn của Sở Lao động")
    task(world.labour, date(2024, 10, 1), status=DirectiveStatus.DONE, completed_at=_at(date(2024, 9, 30)))
    task(world.finance, date(2024, 12, 31), status=DirectiveStatus.IN_PROGRESS, text='=HYPERLINK("http://x")')
    assign(world.labour, date(2024, 11, 5))
    late = assign(world.labour, date(2024, 10, 1), status=AssignmentStatus.ANSWERED, closed_at=_at(date(2024, 10, 9)))
    AnswerFactory(
        petition=late.petition,
        assignment=late,
        agency=world.labour,
        state=AnswerState.APPROVED,
        submitted_at=_at(date(2024, 10, 8)),
    )
    waiting = assign(world.finance, date(2024, 11, 5))
    AnswerFactory(petition=waiting.petition, assignment=waiting, agency=world.finance, state=AnswerState.SUBMITTED)
    return world


def test_the_summary_counts_by_agency_with_overdue_and_on_time_rate(board):
    result = monitoring.summary(board.home_affairs, monitoring.Filters(), day=TODAY)
    rows = {r.name: r for r in result.rows}
    labour, finance = rows["Sở Lao động"], rows["Sở Tài chính"]
    assert (labour.open_tasks, labour.overdue_tasks, labour.open_petitions, labour.overdue_petitions) == (1, 1, 1, 1)
    assert (labour.closed, labour.closed_on_time, labour.on_time_rate) == (2, 1, 50.0)
    assert (finance.open_tasks, finance.overdue_tasks, finance.open_petitions, finance.overdue_petitions) == (
        1,
        0,
        1,
        0,
    )
    assert finance.on_time_rate is None
    assert result.rows[0].name == "Sở Lao động"  # most overdue first
    assert result.total.overdue == 2


def test_filters_narrow_to_one_agency_or_to_overdue_only(board):
    only = monitoring.summary(board.home_affairs, monitoring.Filters(agency_id=board.finance.pk), day=TODAY)
    assert [r.name for r in only.rows] == ["Sở Tài chính"]
    overdue = monitoring.summary(board.home_affairs, monitoring.Filters(only_overdue=True), day=TODAY)
    assert [r.name for r in overdue.rows] == ["Sở Lao động"]
    assert monitoring.open_tasks(board.home_affairs, monitoring.Filters(only_overdue=True), day=TODAY).count() == 1


@pytest.mark.parametrize(
    ("who", "status"), [("home_affairs", 200), ("leader", 200), ("officer", 403), ("union_staff", 403)]
)
def test_the_page_is_for_home_affairs_and_leaders(client, board, who, status):
    client.login(username=getattr(board, who).username, password=PASSWORD)
    assert client.get(reverse("conclusions:monitoring")).status_code == status
    assert client.get(reverse("conclusions:monitoring_xlsx")).status_code == status


def test_home_affairs_of_another_province_sees_none_of_it(client, board):
    outsider = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=UnitFactory(name="Cao Bằng")))
    assert monitoring.summary(outsider, monitoring.Filters(), day=TODAY).rows == []
    client.login(username=outsider.username, password=PASSWORD)
    content = client.get(reverse("conclusions:monitoring")).content.decode()
    assert "Sở Lao động" not in content


def test_a_conference_outside_my_scope_cannot_be_chosen_as_a_filter(client, board):
    other = ConferenceFactory(organising_unit=UnitFactory(name="Cao Bằng"))
    client.login(username=board.home_affairs.username, password=PASSWORD)
    response = client.get(reverse("conclusions:monitoring") + f"?conference={other.pk}")
    assert response.status_code == 200
    assert "Sở Lao động" in response.content.decode()  # invalid choice ignored: the whole scope, nothing of theirs


def test_the_page_shows_the_agency_table_and_the_open_items(client, board):
    client.login(username=board.home_affairs.username, password=PASSWORD)
    content = client.get(reverse("conclusions:monitoring")).content.decode()
    assert "Nhiệm vụ quá hạn của Sở Lao động" in content
    assert "50,0%" in content or "50.0%" in content
    tab = client.get(reverse("conclusions:monitoring") + "?tab=kien-nghi").content.decode()
    assert "Kiến nghị số" in tab


def test_the_excel_export_has_three_sheets_and_keeps_formula_like_text_as_text(client, board):
    client.login(username=board.home_affairs.username, password=PASSWORD)
    response = client.get(reverse("conclusions:monitoring_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Theo cơ quan", "Nhiệm vụ", "Kiến nghị chuyển xử lý"]
    agencies = [row[0] for row in book["Theo cơ quan"].iter_rows(min_row=3, values_only=True)]
    assert agencies == ["Sở Lao động", "Sở Tài chính", "Tổng cộng"]
    tasks = list(book["Nhiệm vụ"].iter_rows(min_row=2, values_only=True))
    assert len(tasks) == 2
    formula_cell = next(c for c in book["Nhiệm vụ"]["C"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert formula_cell.data_type == "s"
    assert isinstance(tasks[0][3], datetime) and tasks[0][3].date() == date(2024, 11, 1)


@pytest.mark.parametrize("count", [2, 30])
def test_the_page_takes_the_same_number_of_queries_for_few_and_many(
    client, world, task, assign, django_assert_num_queries, count
):
    for n in range(count):
        task(world.labour if n % 2 else world.finance, date(2024, 11, 1 + n % 28))
        assign(world.finance if n % 2 else world.labour, date(2024, 11, 1 + n % 28))
    client.login(username=world.home_affairs.username, password=PASSWORD)
    url = reverse("conclusions:monitoring")
    client.get(url)
    # session, user, membership, agency, unit; page count; two grouped counts; unread; filter choices (2); page rows
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
