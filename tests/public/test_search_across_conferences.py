"""Search across all public conferences (issue 15): published petitions of every public conference, nothing else."""

import pytest
from django.urls import reverse

from tests.public.conftest import SECRETS, build_public_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_worlds(media):
    return build_public_world(slug="huyen-mot-2024"), build_public_world(slug="huyen-hai-2024")


def test_one_search_finds_petitions_of_every_public_conference(client, two_worlds):
    response = client.get(reverse("public:search"), {"q": "von vay"})
    page = response.content.decode()
    assert response.status_code == 200
    for world in two_worlds:
        assert reverse("public:petition", args=[world.conference.slug, 1]) in page
        assert world.conference.title in page
    assert "2 kiến nghị phù hợp" in page
    # Only what is public: no unpublished petition, no conference without an issued notice, no private field.
    for secret in SECRETS.values():
        assert secret not in page
    assert (
        "KIẾN NGHỊ CỦA HỘI NGHỊ CHƯA KẾT LUẬN"
        not in client.get(reverse("public:search"), {"q": "kien nghi"}).content.decode()
    )


def test_the_search_without_words_asks_for_them(client, two_worlds):
    page = client.get(reverse("public:search"), {"q": " "}).content.decode()
    assert "Nhập từ khóa cần tìm." in page
    assert client.get(reverse("public:search")).status_code == 200


def test_the_public_list_offers_the_search(client, two_worlds):
    page = client.get(reverse("public:conference_list")).content.decode()
    assert f'action="{reverse("public:search")}"' in page


@pytest.mark.parametrize("count", [2, 40])
def test_search_query_count_does_not_grow_with_results(client, media, count, django_assert_num_queries):
    build_public_world(petition_count=count)
    # years, count, petitions, sub-questions, answers
    with django_assert_num_queries(5):
        assert client.get(reverse("public:search"), {"q": "thanh nien"}).status_code == 200
