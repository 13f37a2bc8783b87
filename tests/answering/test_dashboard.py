"""Home Affairs' dashboard: counts by state and agency, overdue items, median working days to answer."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.models import Role
from petitions.dashboards import answering_dashboard
from petitions.models import AnswerRevision, Assignment
from petitions.services.answering import answer_approve, assignment_decline
from tests.factories import AgencyFactory, BridgePointFactory, DistrictFactory, PetitionFactory, make_user

from .conftest import assign, login, submitted

pytestmark = pytest.mark.django_db


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(9)))


def _answered(world, petition, agency, officer, assigned_on, submitted_on):
    assignment = assign(world, petition, agency)
    Assignment.objects.filter(pk=assignment.pk).update(assigned_at=_at(assigned_on))
    answer = submitted(world, assignment, officer)
    AnswerRevision.objects.filter(answer=answer).update(created_at=_at(submitted_on))
    return answer


def test_counts_by_state_and_agency_overdue_and_median_working_days(world):
    p = world.petitions
    # Labour: 3 and 45 working days (12/04 -> 17/04 = 3; 12/04 -> 19/06 = 45), one approved.
    first = _answered(world, p[0], world.labour, world.officer, date(2024, 4, 12), date(2024, 4, 17))
    _answered(world, p[1], world.labour, world.officer, date(2024, 4, 12), date(2024, 6, 19))
    answer_approve(answer=first, actor=world.ha)
    # Education: one overdue without an answer, one declined.
    assign(world, p[2], world.education, due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2024, 3, 1)))
    extra = PetitionFactory(conference=world.conference, number=4)
    assignment_decline(assignment=assign(world, extra, world.education), reason="Không thuộc.", actor=world.officer)

    data = answering_dashboard(world.conference, today=date(2024, 7, 1))

    rows = {row.name: row for row in data.rows}
    labour, education = rows["Sở LĐTBXH"], rows["Sở GDĐT"]
    assert labour.counts == {"approved": 1, "submitted": 1}
    assert labour.median_working_days == 24  # median of 3 and 45
    assert education.counts == {"unanswered": 1, "declined": 1}
    assert education.overdue == 1
    assert data.totals["approved"] == 1 and data.totals["declined"] == 1
    assert [a.petition.number for a in data.overdue] == [3]
    assert data.rows[0] is education  # most overdue first


@pytest.mark.parametrize("rows", [2, 20])
def test_dashboard_page_query_count_does_not_grow(client, world, django_assert_num_queries, rows):
    for i in range(rows):
        petition = PetitionFactory(conference=world.conference, number=10 + i)
        submitted(world, assign(world, petition, world.labour), world.officer)
    login(client, world.ha)
    url = reverse("petitions:answering_dashboard") + f"?hoi_nghi={world.conference.slug}"
    client.get(url)
    # session, user, membership, agency, conferences, 3 dashboard reads, the navbar's bell, ...
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert "Sở LĐTBXH" in response.content.decode()


def test_a_conference_outside_the_users_scope_is_not_found(client, world):
    login(client, world.ha)
    response = client.get(reverse("petitions:answering_dashboard") + f"?hoi_nghi={world.other_conference.slug}")
    assert response.status_code == 404


def test_a_district_sees_only_its_own_sites_on_the_dashboard_of_the_provincial_conference(client, world):
    """Finding: a district's Home Affairs saw other districts' overdue petitions and the per-agency counts of the
    whole provincial conference. The dashboard now follows the petition list's rule (the district's own sites)."""
    ours, theirs = DistrictFactory(parent=world.province), DistrictFactory(parent=world.province)
    our_site = BridgePointFactory(conference=world.conference, unit=ours, kind="district")
    their_site = BridgePointFactory(conference=world.conference, unit=theirs, kind="district")
    mine = PetitionFactory(conference=world.conference, number=41, bridge_point=our_site, content="Sân bóng xã nhà")
    other = PetitionFactory(
        conference=world.conference, number=42, bridge_point=their_site, content="Đường điện thôn bên kia huyện"
    )
    overdue = DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2024, 3, 1))
    assign(world, mine, world.labour, due=overdue)
    assign(world, other, world.education, due=overdue)
    district_home_affairs = make_user(Role.HOME_AFFAIRS, AgencyFactory(name="Phòng Nội vụ huyện", unit=ours))
    login(client, district_home_affairs)

    response = client.get(reverse("petitions:answering_dashboard") + f"?hoi_nghi={world.conference.slug}")

    assert response.status_code == 200
    data = response.context["data"]
    assert [a.petition.number for a in data.overdue] == [41]
    assert [row.name for row in data.rows] == ["Sở LĐTBXH"]
    assert data.total == 1 and data.overdue_count == 1
    page = response.content.decode()
    assert "Đường điện thôn bên kia huyện" not in page and "Kiến nghị số 42" not in page
