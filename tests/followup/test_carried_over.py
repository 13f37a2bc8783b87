"""Tasks not finished by the next conference of the same unit are listed on that conference as carried over."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from conclusions.models import Directive, DirectiveStatus
from conferences.deadlines import DeadlineRule
from tests.factories import PASSWORD, ConferenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(world, task, issued_notice):
    conf_2023 = ConferenceFactory(organising_unit=world.province, year=2023, planned_date=date(2023, 3, 23))
    notice = issued_notice(conference=conf_2023, number=7)
    open_task = task(world.labour, date(2023, 12, 31), notice=notice, text="Nhiệm vụ 2023 còn dang dở")
    task(
        world.provincial_union,
        kind=DeadlineRule.NEXT_CONFERENCE,
        notice=notice,
        text="Biểu dương thanh niên tiêu biểu tại hội nghị năm sau",
    )
    late_done = task(
        world.finance,
        date(2023, 12, 31),
        notice=notice,
        status=DirectiveStatus.DONE,
        completed_at=timezone.make_aware(datetime.combine(date(2024, 4, 2), time(9))),
        text="Hoàn thành sau hội nghị 2024",
    )
    task(
        world.finance,
        date(2023, 12, 31),
        notice=notice,
        status=DirectiveStatus.DONE,
        completed_at=timezone.make_aware(datetime.combine(date(2023, 12, 1), time(9))),
        text="Hoàn thành đúng hạn 2023",
    )
    return open_task, late_done


def test_open_and_late_finished_tasks_of_the_previous_year_are_carried_over(world, years):
    texts = set(Directive.objects.carried_over_to(world.conference).values_list("text", flat=True))
    assert texts == {
        "Nhiệm vụ 2023 còn dang dở",
        "Biểu dương thanh niên tiêu biểu tại hội nghị năm sau",
        "Hoàn thành sau hội nghị 2024",
    }


def test_another_units_conference_carries_nothing_over(world, years):
    district_conference = ConferenceFactory(organising_unit=world.district, year=2024)
    assert not Directive.objects.carried_over_to(district_conference).exists()


def test_the_conference_page_links_to_the_carried_over_list(client, world, years):
    client.login(username=world.home_affairs.username, password=PASSWORD)
    page = client.get(world.conference.get_absolute_url()).content.decode()
    assert "3 nhiệm vụ các năm trước chưa hoàn thành (chuyển tiếp)" in page
    listing = client.get(reverse("conclusions:carried_over", args=[world.conference.slug])).content.decode()
    assert "Nhiệm vụ 2023 còn dang dở" in listing
    assert "Hoàn thành đúng hạn 2023" not in listing


def test_an_officer_sees_only_the_carried_over_tasks_of_their_agency(client, world, years):
    client.login(username=world.officer.username, password=PASSWORD)
    listing = client.get(reverse("conclusions:carried_over", args=[world.conference.slug])).content.decode()
    assert "Nhiệm vụ 2023 còn dang dở" in listing
    assert "Biểu dương thanh niên" not in listing
