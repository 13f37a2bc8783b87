import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _numbers(response) -> list[int]:
    return sorted(p.number for p in response.context["page"].object_list)


def test_unaccented_words_find_accented_petitions(client, world):
    url = reverse("public:conference", args=[world.conference.slug])
    assert _numbers(client.get(url, {"q": "von vay"})) == [1]
    assert _numbers(client.get(url, {"q": "VỐN VAY"})) == [1]
    assert _numbers(client.get(url, {"q": "cam duong"})) == [2, 3]


def test_every_word_of_the_search_must_match(client, world):
    url = reverse("public:conference", args=[world.conference.slug])
    assert _numbers(client.get(url, {"q": "cam duong so 1"})) == [2]
    assert _numbers(client.get(url, {"q": "von vay san bong"})) == []


def test_filters_by_issue_group_and_by_site(client, world):
    url = reverse("public:conference", args=[world.conference.slug])
    assert _numbers(client.get(url, {"nhom": world.groups[1].pk})) == [2, 3]
    assert _numbers(client.get(url, {"diem_cau": world.sites[1].pk})) == [2]
    assert _numbers(client.get(url, {"nhom": world.groups[1].pk, "diem_cau": world.sites[0].pk})) == [3]


def test_a_group_of_another_conference_is_refused_with_a_message_and_ignored(client, world, media):
    from tests.public.conftest import build_public_world

    other = build_public_world(slug="khac")
    response = client.get(reverse("public:conference", args=[world.conference.slug]), {"nhom": other.groups[1].pk})
    assert response.status_code == 200
    assert "Nhóm vấn đề không có trong hội nghị này." in response.content.decode()
    assert _numbers(response) == [1, 2, 3]


def test_nonsense_filter_values_do_not_break_the_page(client, world):
    url = reverse("public:conference", args=[world.conference.slug])
    response = client.get(url, {"nhom": "abc", "diem_cau": "-1", "trang": "xyz", "q": "x" * 500})
    assert response.status_code == 200
    assert "Từ khóa tìm kiếm dài tối đa 200 ký tự." in response.content.decode()


def test_search_results_are_grouped_under_their_issue_group_with_a_stable_link(client, world):
    response = client.get(reverse("public:conference", args=[world.conference.slug]), {"q": "cam duong"})
    content = response.content.decode()
    assert "Sản phẩm OCOP" in content
    assert reverse("public:petition", args=[world.conference.slug, 2]) in content
    assert 'id="kn-2"' in content


def test_each_published_petition_has_its_own_page_with_the_answer(client, world):
    response = client.get(reverse("public:petition", args=[world.conference.slug, 1]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Đề nghị hỗ trợ vốn vay ưu đãi" in content
    assert "Ngân hàng Chính sách xã hội cho vay vốn theo Nghị định 338 (trả lời 1)." in content
    assert "Ủy ban nhân dân huyện thử" in content


def test_user_text_is_escaped_on_public_pages(client, world):
    petition = world.published[1]
    petition.content = '<script>alert("x")</script> Hỏi về <b>OCOP</b>'
    petition.save()
    content = client.get(reverse("public:petition", args=[world.conference.slug, petition.number])).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert" in content
