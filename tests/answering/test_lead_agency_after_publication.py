"""A petition keeps its lead agencies once answered and published: in the staff list, its Excel export, the agency
filter and the public page; a petition answered by two agencies (one per sub-question) shows both."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from petitions.models import PetitionStatus
from petitions.services.answering import answer_approve, answers_publish
from tests.factories import SubQuestionFactory
from tests.public.conftest import issue_notice

from .conftest import assign, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world):
    """Petition 1 in two parts: part 1 answered by Labour, part 2 by Education; both approved and published."""
    petition = world.petitions[0]
    parts = [SubQuestionFactory(petition=petition, position=n, content=f"Câu hỏi {n}?") for n in (1, 2)]
    answers = []
    for part, agency, officer in (
        (parts[0], world.labour, world.officer),
        (parts[1], world.education, world.officer_education),
    ):
        assignment = assign(world, petition, agency, sub_question=part)
        answers.append(answer_approve(answer=submitted(world, assignment, officer), actor=world.ha))
    answers_publish(answers=answers, actor=world.ha)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.PUBLISHED
    return petition


def test_the_staff_list_shows_both_lead_agencies_after_publication(client, world, published):
    client.force_login(world.ha)
    response = client.get(reverse("petitions:list", args=[world.conference.slug]))
    row = response.content.decode().split(f'id="petition-{published.number}"', 1)[1].split("</tr>", 1)[0]
    assert str(world.labour) in row and str(world.education) in row


def test_the_excel_export_keeps_both_lead_agencies(client, world, published):
    client.force_login(world.ha)
    response = client.get(reverse("petitions:export", args=[world.conference.slug]))
    sheet = load_workbook(BytesIO(response.content))["Kiến nghị"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == published.number)
    assert row[header.index("Cơ quan chủ trì")] == f"{world.labour}; {world.education}"


@pytest.mark.parametrize("agency", ["labour", "education"])
def test_the_agency_filter_finds_a_published_petition(client, world, published, agency):
    client.force_login(world.ha)
    response = client.get(
        reverse("petitions:list", args=[world.conference.slug]), {"agency": getattr(world, agency).pk}
    )
    assert [p.number for p in response.context["page"].object_list] == [published.number]


def test_the_public_page_names_every_agency_that_answered(client, world, published):
    issue_notice(world.conference, world.home_affairs_agency)
    response = client.get(reverse("public:conference", args=[world.conference.slug]))
    summary = response.content.decode().split(f'id="kn-{published.number}"', 1)[1].split("</summary>", 1)[0]
    assert world.labour.name in summary and world.education.name in summary
