"""Issue 15 item 8, the pages' small faults found in a first week: an error shown once, the tick box beside the
notes it confirms, one time format, the yearly report opened directly."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from conferences.models import ConferenceStatus, Role, UnitKind
from tests.factories import AgencyFactory, ConferenceFactory, PetitionFactory, UnitFactory, make_user
from tests.intake.test_conference_setup import _form

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def province():
    return UnitFactory(name="Lạng Sơn Tuần Đầu", kind=UnitKind.PROVINCE, tier=1)


@pytest.fixture
def home_affairs(province):
    return make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=province))


def test_conference_create_shows_its_error_once_and_the_tick_box_beside_the_notes(client, province, home_affairs):
    client.force_login(home_affairs)
    late_plan = _form(province, plan_date="10/03/2026", plan_published_on="10/03/2026", organiser="")
    page = client.post(reverse("conferences:create"), late_plan).content.decode()
    assert page.count("Vui lòng đọc các lưu ý về thời hạn và đánh dấu xác nhận trước khi lưu.") == 1
    # The box comes right after the notes, before the form's first field, not at the very bottom.
    assert page.index('name="acknowledge_warnings"') < page.index('name="organising_unit"')


def test_a_concurrent_edit_of_a_conference_says_so_once(client, province, home_affairs):
    conference = ConferenceFactory(organising_unit=province, planned_date=date(2026, 3, 26), year=2026)
    client.force_login(home_affairs)
    data = _form(province, organiser="", version=conference.version, acknowledge_warnings="on")
    url = reverse("conferences:edit", args=[conference.slug])
    assert client.post(url, data).status_code == 302
    page = client.post(url, {**data, "theme": "Ghi đè"}).content.decode()  # still the old version
    assert page.count("vừa được người khác cập nhật") == 1


def test_one_time_format_everywhere():
    """Date then time ("02/12/2026 05:19"), as DATETIME_FORMAT says; never time first."""
    time_first = re.compile(r"H:i,? d/m/Y|%H:%M,? %d/%m/%Y")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("templates", "petitions", "conferences", "conclusions", "dialogue_portal")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".html", ".py", ".txt")
        and "migrations" not in path.parts
        and time_first.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_petition_page_shows_date_then_time(client, province, home_affairs):
    conference = ConferenceFactory(organising_unit=province, status=ConferenceStatus.COLLECTING)
    petition = PetitionFactory(conference=conference)
    client.force_login(home_affairs)
    page = client.get(petition.get_absolute_url()).content.decode()
    assert re.search(r"<dt>Ghi nhận</dt><dd>\d\d/\d\d/\d{4} \d\d:\d\d", page)


def test_the_yearly_report_opened_directly_shows_the_form_without_errors(client, home_affairs):
    client.force_login(home_affairs)
    response = client.get(reverse("conclusions:stats_yearly_report"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa lập được báo cáo" not in page and "invalid-feedback" not in page
    assert 'name="nam"' in page
