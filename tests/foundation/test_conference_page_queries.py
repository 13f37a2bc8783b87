"""The conference page costs the same number of queries whatever the number of petitions, sites and groups."""

import pytest

from conferences.models import Role
from petitions.models import Petition
from tests.factories import AgencyFactory, BridgePointFactory, ConferenceFactory, IssueGroupFactory, make_user

pytestmark = pytest.mark.django_db


def _fill(conference, sites: int, groups: int, petitions: int):
    site_rows = [BridgePointFactory(conference=conference) for _ in range(sites)]
    group_rows = [IssueGroupFactory(conference=conference) for _ in range(groups)]
    start = Petition.objects.filter(conference=conference).count() + 1
    Petition.objects.bulk_create(
        Petition(
            conference=conference,
            number=start + i,
            content=f"Kiến nghị {start + i}?",
            bridge_point=site_rows[i % sites],
            issue_group=group_rows[i % groups],
        )
        for i in range(petitions)
    )


@pytest.mark.parametrize("role", [Role.HOME_AFFAIRS, Role.YOUTH_UNION, Role.AGENCY_OFFICER])
def test_the_conference_page_costs_the_same_queries_for_few_or_many_petitions(client, role, django_assert_num_queries):
    conference = ConferenceFactory()
    client.force_login(make_user(role, AgencyFactory(unit=conference.organising_unit)))
    _fill(conference, sites=2, groups=2, petitions=3)
    with django_assert_num_queries(CONFERENCE_PAGE_QUERIES[role]):
        assert client.get(conference.get_absolute_url()).status_code == 200
    _fill(conference, sites=40, groups=8, petitions=400)
    with django_assert_num_queries(CONFERENCE_PAGE_QUERIES[role]):
        assert client.get(conference.get_absolute_url()).status_code == 200


# + the dialogue-day card (live/_conference_actions.html)
CONFERENCE_PAGE_QUERIES = {Role.HOME_AFFAIRS: 15, Role.YOUTH_UNION: 16, Role.AGENCY_OFFICER: 11}
