"""One similarity percentage for two petitions wherever it is shown (issue 15 item 4): the panel beside the form,
the petition page and the import preview compare the same text, the petition as search stores it (content,
sub-questions and unit, folded), with the same measure."""

import pytest
from django.urls import reverse

from petitions.models import ImportBatch
from tests.factories import PetitionFactory, SubQuestionFactory

from .conftest import xlsx
from .test_excel_import import _upload

pytestmark = pytest.mark.django_db

EXISTING = "Đề nghị tỉnh hỗ trợ vốn vay ưu đãi để thanh niên nông thôn khởi nghiệp, phát triển kinh tế hộ gia đình"
NEW = "Đề nghị hỗ trợ vốn vay ưu đãi cho thanh niên nông thôn khởi nghiệp và phát triển kinh tế gia đình"


@pytest.fixture
def pair(world):
    existing = PetitionFactory(
        conference=world.conference,
        number=1,
        bridge_point=world.sites["Tân Minh"],
        content=EXISTING,
        submitting_unit="Bí thư Đoàn xã Tân Minh",
    )
    SubQuestionFactory(petition=existing, position=1, content="Mức vay tối đa là bao nhiêu?")
    existing.save()  # search_text with its part
    new = PetitionFactory(
        conference=world.conference,
        number=2,
        bridge_point=world.sites["Đội Cấn"],
        content=NEW,
        submitting_unit="Đoàn xã Đội Cấn",
    )
    return existing, new


def _page_percent(client, world, pair) -> int:
    existing, new = pair
    client.force_login(world.home_affairs)
    similar = client.get(reverse("petitions:detail", args=[new.pk])).context["similar"]
    return next(m.percent for m in similar if m.petition == existing)


def test_the_form_panel_and_the_petition_page_show_the_same_percentage(client, world, pair):
    existing, new = pair
    on_page = _page_percent(client, world, pair)
    # What the form sends while typing: its content, unit and parts (the edit form of the new petition).
    response = client.get(
        reverse("petitions:similar", args=[world.conference.slug]),
        {"q": new.content, "unit": new.submitting_unit, "exclude": new.pk},
    )
    on_form = next(r["percent"] for r in response.json()["results"] if r["number"] == existing.number)
    assert on_form == on_page


def test_the_import_preview_shows_the_same_percentage(client, world, pair):
    existing, new = pair
    on_page = _page_percent(client, world, pair)
    new.delete()  # the same petition arrives in a list instead
    client.force_login(world.union)
    _upload(client, world, xlsx([[1, NEW, "Đoàn xã Đội Cấn", "", "Đội Cấn"]]))
    row = ImportBatch.objects.latest("pk").report["rows"][0]
    assert [s["percent"] for s in row["similar"] if s["number"] == existing.number] == [on_page]
