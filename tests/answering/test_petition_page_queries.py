"""The petition page costs a fixed number of queries, whatever the number of parts, assignments, answers,
merged duplicates and history lines (pinned for Home Affairs, an officer of the lead agency and a leader)."""

import pytest
from django.urls import reverse

from conferences.models import ConferenceStatus
from petitions.models import PetitionStatus, SubQuestion
from petitions.services.answering import answer_save
from tests.factories import PetitionFactory

from .conftest import assign, login

pytestmark = pytest.mark.django_db

# session, user, membership, agency, unit, the petition with its relations, parts, files, duplicates, the similar
# petitions (Home Affairs, who may merge), the history, the answering card (assignments with their answers and
# coordinating agencies), the navbar's bell.
QUERIES = {"ha": 14, "officer": 12, "leader": 13}


def _busy_petition(world, n: int):
    world.conference.status = ConferenceStatus.ANSWERING  # Home Affairs may merge: the similar petitions show
    world.conference.save()
    # A text like no other: the similar petitions are one query on both databases (SQLite reads matches again).
    petition = PetitionFactory(conference=world.conference, number=50, content="Xin sân bóng đá mini cho xóm Nà Pàn")
    parts = [
        SubQuestion.objects.create(petition=petition, position=i, content=f"Câu hỏi {i}?") for i in range(1, n + 1)
    ]
    for i, part in enumerate(parts):
        agency = world.labour if i % 2 == 0 else world.education
        assignment = assign(world, petition, agency, sub_question=part, coordinating_agencies=[world.agriculture])
        officer = world.officer if agency == world.labour else world.officer_education
        answer_save(assignment=assignment, text=f"Trả lời câu {i}.", version=0, actor=officer, submit=i % 3 == 0)
    for i in range(n):
        PetitionFactory(
            conference=world.conference, number=100 + i, duplicate_of=petition, status=PetitionStatus.MERGED
        )
    return petition


@pytest.mark.parametrize("user_key", list(QUERIES))
@pytest.mark.parametrize("n", [2, 12])
def test_the_petition_page_costs_the_same_queries_for_few_or_many_parts(
    client, world, django_assert_num_queries, user_key, n
):
    petition = _busy_petition(world, n)
    login(client, getattr(world, user_key))
    url = reverse("petitions:detail", kwargs={"pk": petition.pk})
    client.get(url)
    with django_assert_num_queries(QUERIES[user_key]):
        response = client.get(url)
    assert response.status_code == 200
