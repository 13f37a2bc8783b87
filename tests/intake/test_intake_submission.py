from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import AuditEvent, IntakeSubmission
from tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def _submit(client, world, note=""):
    return client.post(reverse("petitions:intake_submit", args=[world.conference.slug]), {"note": note}, follow=True)


def test_the_union_hands_over_its_list_with_the_time_and_count(client, world):
    PetitionFactory(conference=world.conference, bridge_point=world.sites["Tân Minh"])
    PetitionFactory(conference=world.conference, bridge_point=world.sites["Đội Cấn"])
    PetitionFactory(conference=world.conference, bridge_point=world.sites["Hợp Thành"])
    world.conference.site_intake_deadline = timezone.localdate() + timedelta(days=2)
    world.conference.save()
    client.force_login(world.union)
    response = _submit(client, world, note="Bản tổng hợp lần 1")
    submission = IntakeSubmission.objects.get()
    assert submission.petition_count == 2 and submission.submitted_by == world.union
    assert "Đã gửi tổng hợp 2 kiến nghị" in response.content.decode()
    assert "đúng hạn" in response.content.decode()
    assert AuditEvent.objects.filter(action="intake.submit", data__late=False).exists()


def test_a_late_hand_over_is_recorded_and_shown_late(client, world):
    PetitionFactory(conference=world.conference, bridge_point=world.sites["Tân Minh"])
    world.conference.site_intake_deadline = date(2024, 3, 5)
    world.conference.save()
    client.force_login(world.union)
    response = _submit(client, world)
    assert "Quá hạn 05/03/2024" in response.content.decode()
    assert "quá hạn" in client.get(world.conference.get_absolute_url()).content.decode()
    assert AuditEvent.objects.filter(action="intake.submit", data__late=True).exists()


def test_the_provincial_union_is_measured_against_the_union_deadline(world):
    from conferences.models import AgencyKind
    from petitions.services.intake import intake_deadline_for
    from tests.factories import AgencyFactory

    world.conference.site_intake_deadline = date(2024, 3, 5)
    world.conference.union_intake_deadline = date(2024, 3, 10)
    provincial = AgencyFactory(unit=world.province, kind=AgencyKind.YOUTH_UNION)
    assert intake_deadline_for(world.conference, provincial) == date(2024, 3, 10)
    assert intake_deadline_for(world.conference, world.union.membership.agency) == date(2024, 3, 5)
    submission = IntakeSubmission(
        conference=world.conference,
        agency=provincial,
        submitted_at=timezone.make_aware(datetime(2024, 3, 10, 16, 0)),
    )
    assert not submission.is_late


def test_only_youth_unions_hand_over_and_an_empty_list_is_refused(client, world):
    client.force_login(world.home_affairs)
    assert _submit(client, world).status_code == 403
    client.force_login(world.union)
    assert "Chưa có kiến nghị nào để gửi" in _submit(client, world).content.decode()
    assert not IntakeSubmission.objects.exists()
