import random

import pytest
from django.db import connection
from django.urls import reverse

from petitions.similarity import SimilarityIndex, similar_petitions, similarity, text_similarity, trigrams
from tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db

TEXTS = [
    "Đề nghị hỗ trợ vốn vay khởi nghiệp cho thanh niên",
    "Đề nghị hỗ trợ vay vốn để thanh niên khởi nghiệp",
    "Xây dựng nông thôn mới ở xã Tân Minh",
    "Đào tạo nghề, giải quyết việc làm cho thanh niên nông thôn",
    "OCOP",
    "a",
]


def test_trigrams_are_built_like_pg_trgm():
    assert trigrams("Cây") == frozenset({"  c", " ca", "cay", "ay "})
    assert text_similarity("khởi nghiệp", "KHOI NGHIEP") == 1.0
    assert text_similarity("vốn vay", "nông thôn") < 0.1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's pg_trgm")
def test_python_similarity_equals_postgresql_similarity_on_folded_text():
    from conferences.text import fold

    with connection.cursor() as cursor:
        for a in TEXTS:
            for b in TEXTS:
                cursor.execute("SELECT similarity(%s, %s)", [fold(a), fold(b)])
                expected = cursor.fetchone()[0]
                assert text_similarity(a, b) == pytest.approx(expected, abs=1e-6), (a, b)


def test_the_prefix_filtered_index_finds_exactly_what_brute_force_finds():
    rng = random.Random(7)
    words = TEXTS[0].split() + TEXTS[3].split() + ["xã", "huyện", "đoàn", "mới"]
    existing = [(i, " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))) for i in range(300)]
    index = SimilarityIndex(existing)
    sets = {key: trigrams(text) for key, text in existing}
    for _ in range(40):
        query = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
        brute = sorted(
            ((k, similarity(trigrams(query), s)) for k, s in sets.items() if similarity(trigrams(query), s) >= 0.6),
            key=lambda item: -item[1],
        )
        found = index.best(query, threshold=0.6, limit=1000)
        assert {k for k, _ in found} == {k for k, _ in brute}


def test_similar_petitions_rank_the_same_question_first_and_leave_others_out(world):
    site = world.sites["Tân Minh"]
    close = PetitionFactory(conference=world.conference, bridge_point=site, content=TEXTS[0])
    PetitionFactory(conference=world.conference, bridge_point=site, content=TEXTS[2])
    from petitions.models import Petition

    matches = similar_petitions(Petition.objects.all(), TEXTS[1])
    assert [m.petition for m in matches] == [close]
    assert 30 <= matches[0].percent < 100


def test_suggestions_never_show_petitions_the_user_cannot_see(client, world):
    mine = PetitionFactory(conference=world.conference, bridge_point=world.sites["Tân Minh"], content=TEXTS[0])
    PetitionFactory(conference=world.conference, bridge_point=world.sites["Hợp Thành"], content=TEXTS[0] + " ở xã")
    client.force_login(world.union)
    response = client.get(reverse("petitions:similar", args=[world.conference.slug]), {"q": TEXTS[1]})
    assert [r["number"] for r in response.json()["results"]] == [mine.number]
    client.force_login(world.home_affairs)
    response = client.get(reverse("petitions:similar", args=[world.conference.slug]), {"q": TEXTS[1]})
    assert len(response.json()["results"]) == 2
