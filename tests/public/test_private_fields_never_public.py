"""Private material (submitter identity, internal comments, drafts, unpublished answers and petitions, draft
notices) never reaches a public page or a public file: neither by following links nor by guessing URLs."""

import re

import pytest
from django.urls import reverse

from tests.public.conftest import SECRETS

pytestmark = pytest.mark.django_db


def _assert_clean(body: bytes, where: str):
    text = body.decode("utf-8", errors="replace")
    for name, secret in SECRETS.items():
        assert secret not in text, f"{name} leaked on {where}"


def _crawl(client, start: str) -> dict[str, bytes]:
    """Every /cong-khai/ page and file reachable from the list, with every filter and search combination shown."""
    seen: dict[str, bytes] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[url] = body
        if response["Content-Type"].startswith("text/html"):
            for href in re.findall(r'href="([^"#]+)', body.decode()):
                href = href.replace("&amp;", "&")
                if href.startswith("/cong-khai/") and href not in seen:
                    queue.append(href)
    return seen


def test_no_page_or_file_reachable_from_the_public_list_contains_private_data(client, world):
    pages = _crawl(client, reverse("public:conference_list"))
    assert any(url.endswith(".pdf") for url in pages)
    assert any("/kien-nghi/" in url for url in pages)
    for url, body in pages.items():
        _assert_clean(body, url)


def test_searching_for_private_words_finds_nothing(client, world):
    url = reverse("public:conference", args=[world.conference.slug])
    for secret in (
        "Bímật",
        "bimat",
        "0912 345 678",
        "GHI CHU NOI BO",
        "binh luan rieng",
        "du thao tra loi",
        "san bong",
        "chua cong bo",
    ):
        response = client.get(url, {"q": secret})
        assert response.context["page"].paginator.count == 0, secret
        _assert_clean(response.content, f"search {secret}")


def test_guessed_urls_of_unpublished_or_unconcluded_material_are_not_found(client, world):
    slug = world.conference.slug
    guesses = [
        reverse("public:petition", args=[slug, world.unpublished.number]),
        reverse("public:petition", args=[slug, 999]),
        reverse("public:conference", args=[world.draft_conference.slug]),
        reverse("public:petition", args=[world.draft_conference.slug, 1]),
        reverse("public:notice_file", args=[slug, 2, "pdf"]),
        reverse("public:notice_file", args=[slug, 2, "docx"]),
        reverse("public:notice_file", args=[slug, 2, "xlsx"]),
        reverse("public:notice_file", args=[world.draft_conference.slug, 1, "pdf"]),
        reverse("public:notice_file", args=[slug, 1, "html"]),
        f"/cong-khai/{slug}/thong-bao-1.pdf/../../../../etc/passwd",
    ]
    for url in guesses:
        response = client.get(url)
        assert response.status_code == 404, url
        _assert_clean(response.content, url)


def test_a_published_petition_shows_only_its_published_answer(client, world):
    response = client.get(reverse("public:petition", args=[world.conference.slug, 1]))
    petition = response.context["petition"]
    assert [a.state for a in petition.public_answers] == ["published"]
    _assert_clean(response.content, "petition 1")


def test_an_answer_reopened_after_publication_disappears_from_public_pages(client, world):
    answer = world.published[1].answers.get(state="published")
    answer.state = "returned"
    answer.save()
    content = client.get(reverse("public:petition", args=[world.conference.slug, 2])).content.decode()
    assert answer.text not in content
    assert "Nội dung trả lời đang được cập nhật." in content


def test_stats_and_internal_pages_are_not_open_to_anonymous_visitors(client, world):
    for url in (
        reverse("conclusions:stats_overview"),
        reverse("conclusions:stats_conference", args=[world.conference.slug]),
        reverse("conclusions:stats_conference_export", args=[world.conference.slug]),
        reverse("conclusions:stats_yearly_report") + f"?don_vi={world.conference.organising_unit_id}&nam=2024",
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url
