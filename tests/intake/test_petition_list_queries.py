from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from petitions.models import AssignmentStatus, Petition, SubQuestion
from tests.factories import AgencyFactory, AssignmentFactory

pytestmark = pytest.mark.django_db


def _petitions(world, count: int, start: int = 1):
    sites = list(world.sites.values())
    Petition.objects.bulk_create(
        Petition(
            conference=world.conference,
            number=start + i,
            content=f"Kiến nghị thử số {start + i} về việc làm cho thanh niên",
            submitting_unit="Đoàn xã",
            search_text=f"kien nghi thu so {start + i} ve viec lam cho thanh nien",
            bridge_point=sites[i % len(sites)],
            issue_group=world.groups[i % 2] if i % 5 else None,
        )
        for i in range(count)
    )


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_a_page_costs_the_same_queries_for_10_or_300_petitions(client, world):
    agency = AgencyFactory(unit=world.province)
    client.force_login(world.home_affairs)
    url = reverse("petitions:list", args=[world.conference.slug])
    _petitions(world, 10)
    for petition in Petition.objects.all()[:3]:
        AssignmentFactory(petition=petition, lead_agency=agency, due_date=date(2024, 3, 20))
        SubQuestion.objects.create(petition=petition, position=1, content="Một?")
    few = _queries(client, url)
    few_filtered = _queries(client, url, {"q": "viec lam", "agency": agency.pk, "overdue": "on"})
    _petitions(world, 290, start=11)
    for petition in Petition.objects.filter(number__gt=250):
        AssignmentFactory(petition=petition, lead_agency=agency, due_date=date(2024, 3, 20))
        SubQuestion.objects.create(petition=petition, position=1, content="Một?")
    many = _queries(client, url)
    assert few == many
    assert _queries(client, url, {"page": 4}) == many
    assert _queries(client, url, {"q": "viec lam", "agency": agency.pk, "overdue": "on"}) == few_filtered


def test_the_list_is_grouped_by_issue_group_with_counts(client, world):
    _petitions(world, 10)
    client.force_login(world.home_affairs)
    response = client.get(reverse("petitions:list", args=[world.conference.slug]))
    page = response.context["page"]
    groups = [p.issue_group.position if p.issue_group else 99 for p in page.object_list]
    assert groups == sorted(groups)
    counts = {g.name: n for g, n in response.context["groups"]}
    assert counts == {world.groups[0].name: 4, world.groups[1].name: 4} and response.context["ungrouped"] == 2
    assert f'{world.groups[0].name} <span class="badge text-bg-light">4</span>' in response.content.decode()


def test_agency_filter_keeps_answered_assignments_and_overdue_uses_open_ones(client, world):
    """Issue 15 item 3 changed the agency filter: an answered assignment still names its agency (a published
    petition is found under the agency that answered it); "overdue" still looks at open assignments only."""
    _petitions(world, 4)
    labour, farming = AgencyFactory(unit=world.province), AgencyFactory(unit=world.province)
    p1, p2, p3, p4 = Petition.objects.order_by("number")
    today = timezone.localdate()
    AssignmentFactory(petition=p1, lead_agency=labour, due_date=today - timedelta(days=1))
    AssignmentFactory(petition=p2, lead_agency=labour, due_date=today + timedelta(days=5))
    AssignmentFactory(petition=p3, lead_agency=farming, due_date=today - timedelta(days=3))
    AssignmentFactory(
        petition=p4, lead_agency=labour, due_date=today - timedelta(days=9), status=AssignmentStatus.ANSWERED
    )
    client.force_login(world.home_affairs)
    url = reverse("petitions:list", args=[world.conference.slug])

    def numbers(**params):
        return sorted(p.number for p in client.get(url, params).context["page"].object_list)

    assert numbers(agency=labour.pk) == [p1.number, p2.number, p4.number]
    assert numbers(overdue="on") == [p1.number, p3.number]
    assert numbers(agency=labour.pk, overdue="on") == [p1.number]


def test_site_and_area_filters(client, world):
    _petitions(world, 14)
    client.force_login(world.home_affairs)
    url = reverse("petitions:list", args=[world.conference.slug])
    by_site = client.get(url, {"site": world.sites["Tân Minh"].pk}).context["page"].object_list
    assert {p.bridge_point for p in by_site} == {world.sites["Tân Minh"]}
    by_area = client.get(url, {"unit": world.district.pk}).context["page"].object_list
    assert {p.bridge_point.name for p in by_area} == {"Huyện Tràng Định Thử", "Xã Tân Minh", "Xã Đội Cấn"}
