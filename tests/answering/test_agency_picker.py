"""Choosing coordinating agencies without Ctrl-click (issue 15): a check-box list that works without JavaScript,
made searchable by a static script (no inline script: the Content-Security-Policy forbids it)."""

import pytest
from django.urls import reverse

from petitions.models import Assignment

from .conftest import login

pytestmark = pytest.mark.django_db


def test_coordinating_agencies_are_check_boxes_and_several_can_be_sent_without_scripts(client, world):
    login(client, world.ha)
    url = reverse("petitions:assignment_create", kwargs={"petition_pk": world.petitions[0].pk})
    page = client.get(url).content.decode()
    assert 'type="checkbox" name="coordinating_agencies"' in page
    assert '<select name="coordinating_agencies"' not in page and "Ctrl" not in page
    assert "data-agency-picker" in page and "/static/js/agency_picker.js" in page
    picker = page.split("data-agency-picker", 1)[1].split("</fieldset>", 1)[0]
    assert "<script" not in picker and "onclick" not in picker
    response = client.post(
        url,
        {
            "lead_agency": world.labour.pk,
            "coordinating_agencies": [world.education.pk, world.agriculture.pk, world.labour.pk],
            "stage": "after",
            "due_rule": "fixed_date",
            "due_base": "30/06/2024",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(petition=world.petitions[0])
    # The lead is never its own coordinator, whatever was ticked.
    assert set(assignment.coordinating_agencies.all()) == {world.education, world.agriculture}
