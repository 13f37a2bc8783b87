import pytest
from django.urls import reverse

from conclusions.models import NoticeState
from tests.public.conftest import build_public_world, issue_notice

pytestmark = pytest.mark.django_db


def test_list_shows_conferences_with_an_issued_notice_and_their_downloads(client, world):
    content = client.get(reverse("public:conference_list")).content.decode()
    assert world.conference.title in content
    assert "Thông báo số 1428/TB-UBND" in content
    for kind in ("pdf", "docx", "xlsx"):
        assert reverse("public:notice_file", args=[world.conference.slug, 1, kind]) in content


def test_list_leaves_out_conferences_whose_notice_is_only_a_draft(client, world):
    content = client.get(reverse("public:conference_list")).content.decode()
    assert world.draft_conference.title not in content
    assert reverse("public:notice_file", args=[world.conference.slug, 2, "pdf"]) not in content


def test_a_superseded_notice_stays_listed_as_replaced_under_the_current_one(client, world):
    world.notice.state = NoticeState.SUPERSEDED
    world.notice.save()
    issue_notice(world.conference, world.agency, revision=3, number=1500)
    content = client.get(reverse("public:conference_list")).content.decode()
    assert content.index("1500/TB-UBND") < content.index("1428/TB-UBND")
    assert "Đã được thay thế" in content


def test_the_list_is_reachable_from_the_login_page_for_anonymous_visitors(client, db):
    content = client.get(reverse("login")).content.decode()
    assert reverse("public:conference_list") in content
    assert "Kết quả công khai" in content


def test_the_list_costs_the_same_queries_for_one_or_many_conferences(client, media, db, django_assert_num_queries):
    build_public_world(petition_count=1, slug="mot")
    with django_assert_num_queries(2):
        assert client.get(reverse("public:conference_list")).status_code == 200
    for n in range(6):
        build_public_world(petition_count=4, slug=f"nhieu-{n}")
    with django_assert_num_queries(2):
        response = client.get(reverse("public:conference_list"))
    assert response.content.decode().count("public-card") == 7


def test_the_list_is_paged_without_counting_every_conference(client, media, db, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr("conclusions.public.views.LIST_SIZE", 2)
    for n in range(3):
        build_public_world(petition_count=1, slug=f"trang-{n}")
    with django_assert_num_queries(2):
        first = client.get(reverse("public:conference_list")).content.decode()
    assert first.count("public-card") == 2 and "?trang=2" in first
    second = client.get(reverse("public:conference_list"), {"trang": 2}).content.decode()
    assert second.count("public-card") == 1 and "?trang=1" in second and "?trang=3" not in second
    assert client.get(reverse("public:conference_list"), {"trang": "x"}).status_code == 200
