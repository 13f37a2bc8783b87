import pytest
from django.urls import reverse

from tests.public.conftest import build_public_world

pytestmark = pytest.mark.django_db

# conference, notices, group choices, site choices, count, petitions, sub-questions, answers (+ form choices)
CONFERENCE_PAGE_QUERIES = 8


@pytest.mark.parametrize("count", [2, 40])
def test_conference_page_query_count_does_not_grow_with_petitions(client, media, count, django_assert_num_queries):
    world = build_public_world(petition_count=count)
    with django_assert_num_queries(CONFERENCE_PAGE_QUERIES):
        response = client.get(reverse("public:conference", args=[world.conference.slug]), {"q": "thanh nien"})
    assert response.status_code == 200


def test_petition_page_query_count_is_fixed(client, media, django_assert_num_queries):
    world = build_public_world(petition_count=3)
    with django_assert_num_queries(5):
        assert client.get(reverse("public:petition", args=[world.conference.slug, 2])).status_code == 200
