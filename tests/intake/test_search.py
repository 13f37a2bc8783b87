"""Accent-folded search, the same on SQLite and PostgreSQL (the suite runs on both)."""

import unicodedata

import pytest
from django.urls import reverse

from petitions.models import Petition
from tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def petitions(world):
    site = world.sites["Tân Minh"]
    return {
        "startup": PetitionFactory(
            conference=world.conference, bridge_point=site, content="Khởi nghiệp từ cây hồi, cây quế có được hỗ trợ?"
        ),
        "union": PetitionFactory(
            conference=world.conference, bridge_point=site, content="Đề nghị củng cố tổ chức Đoàn cơ sở ở thôn bản"
        ),
        "other": PetitionFactory(
            conference=world.conference, bridge_point=site, content="Nâng cấp đường giao thông nông thôn"
        ),
    }


@pytest.mark.parametrize(
    "query",
    ["khoi nghiep", "Khởi nghiệp", unicodedata.normalize("NFD", "khởi nghiệp"), "KHỞI   NGHIỆP", "nghiep khoi"],
)
def test_accented_unaccented_and_decomposed_queries_find_the_same_petition(petitions, query):
    found = list(Petition.objects.search(query))
    assert found == [petitions["startup"]]


def test_d_with_stroke_folds_to_d(petitions):
    assert list(Petition.objects.search("doan co so")) == [petitions["union"]]
    assert list(Petition.objects.search("ĐƯỜNG giao")) == [petitions["other"]]
    assert list(Petition.objects.search("duong giao thong")) == [petitions["other"]]


def test_a_petition_stored_from_decomposed_text_is_found_by_composed_and_plain_queries(world):
    petition = PetitionFactory(
        conference=world.conference, content=unicodedata.normalize("NFD", "Đề nghị mở lớp đào tạo nghề điện dân dụng")
    )
    assert unicodedata.is_normalized("NFC", petition.content)
    assert list(Petition.objects.search("đào tạo nghề")) == [petition]
    assert list(Petition.objects.search("dao tao nghe dien")) == [petition]


def test_the_list_page_searches_by_words_and_by_number(client, world, petitions):
    client.force_login(world.home_affairs)
    url = reverse("petitions:list", args=[world.conference.slug])
    page = client.get(url, {"q": "khoi nghiep"}).context["page"]
    assert [p.pk for p in page.object_list] == [petitions["startup"].pk]
    number = petitions["other"].number
    page = client.get(url, {"q": str(number)}).context["page"]
    assert [p.pk for p in page.object_list] == [petitions["other"].pk]
