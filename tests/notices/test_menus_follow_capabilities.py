"""What the conclusions menus offer each role comes from conclusions.permissions.capabilities (templates read
`can.*`, never a role): a matrix of roles x capabilities, and the menus a person sees."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conclusions.permissions import capabilities

pytestmark = pytest.mark.django_db

MATRIX = {
    # role: read_notices, draft_notices, follow_tasks, report_task_progress, monitor_followup, view_statistics
    "officer": (True, True, True, False, True, True),  # Home Affairs of the province
    "leader": (True, False, True, False, True, True),
    "youth": (True, False, True, True, False, False),
    "agency_officer": (True, False, True, True, False, False),
}
KEYS = ("read_notices", "draft_notices", "follow_tasks", "report_task_progress", "monitor_followup", "view_statistics")


@pytest.mark.parametrize("persona", MATRIX)
def test_capabilities_by_role(world, persona):
    can = capabilities(getattr(world, persona))
    assert tuple(can[key] for key in KEYS) == MATRIX[persona]


def test_a_signed_in_person_without_a_role_is_offered_nothing(db):
    nobody = get_user_model().objects.create_user("khong-vai-tro", password="x")
    assert not any(capabilities(nobody).values())


def test_the_menus_show_monitoring_and_statistics_to_leaders_not_to_agency_officers(client, world):
    client.force_login(world.leader)
    home = client.get(reverse("home")).content.decode()
    assert reverse("conclusions:notice_list") in home and reverse("conclusions:directives") in home
    assert reverse("conclusions:monitoring") in home and reverse("conclusions:stats_overview") in home
    client.force_login(world.agency_officer)
    home = client.get(reverse("home")).content.decode()
    assert reverse("conclusions:notice_list") in home and reverse("conclusions:directives") in home
    assert reverse("conclusions:monitoring") not in home and reverse("conclusions:stats_overview") not in home
