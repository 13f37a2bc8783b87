import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_pages_carry_no_script_and_fit_a_phone(client, world):
    for url in (
        reverse("public:conference_list"),
        reverse("public:conference", args=[world.conference.slug]),
        reverse("public:petition", args=[world.conference.slug, 1]),
    ):
        content = client.get(url).content.decode()
        assert "<script" not in content, url
        assert 'name="viewport" content="width=device-width, initial-scale=1"' in content
        assert 'lang="vi"' in content


def test_search_works_as_a_plain_get_form(client, world):
    content = client.get(reverse("public:conference", args=[world.conference.slug])).content.decode()
    assert '<form method="get"' in content
    assert 'name="q"' in content and 'type="submit"' in content
