"""One getter per object type fetches and authorizes: 404 outside the user's area, 403 for the wrong role."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from conferences.models import Notification, Role
from conferences.permissions import conference_for, issue_group_for, notification_for, site_for
from tests.factories import AgencyFactory, BridgePointFactory, ConferenceFactory, IssueGroupFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    ours, theirs = ConferenceFactory(), ConferenceFactory()
    return ours, theirs, make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=ours.organising_unit))


def test_a_conference_outside_the_area_is_not_found_and_a_visible_one_refused_to_the_wrong_role(two):
    ours, theirs, home_affairs = two
    officer = make_user(Role.AGENCY_OFFICER, AgencyFactory(unit=ours.organising_unit))
    assert conference_for(home_affairs, ours.slug) == ours
    with pytest.raises(Http404):
        conference_for(home_affairs, theirs.slug)
    with pytest.raises(PermissionDenied):
        conference_for(officer, ours.slug, may=lambda user, conference: False)


def test_a_site_or_group_of_another_conference_is_not_found_through_ours(two):
    ours, theirs, home_affairs = two
    site, group = BridgePointFactory(conference=ours), IssueGroupFactory(conference=ours)
    other_site, other_group = BridgePointFactory(conference=theirs), IssueGroupFactory(conference=theirs)
    assert site_for(home_affairs, ours.slug, site.pk) == site
    assert issue_group_for(home_affairs, ours.slug, group.pk) == group
    for getter, pk in ((site_for, other_site.pk), (issue_group_for, other_group.pk)):
        with pytest.raises(Http404):
            getter(home_affairs, ours.slug, pk)


def test_a_site_is_edited_only_by_who_manages_the_conference(client, two):
    ours, _theirs, _home_affairs = two
    site = BridgePointFactory(conference=ours)
    client.force_login(make_user(Role.YOUTH_UNION, AgencyFactory(unit=ours.organising_unit)))
    assert client.get(reverse("conferences:site_edit", args=[ours.slug, site.pk])).status_code == 403


def test_someone_elses_notice_is_not_found(two):
    ours, _theirs, home_affairs = two
    other = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=ours.organising_unit))
    notice = Notification.objects.create(user=other, kind="x", text="Việc của người khác", dedupe_key="k")
    assert notification_for(other, notice.pk) == notice
    with pytest.raises(Http404):
        notification_for(home_affairs, notice.pk)
