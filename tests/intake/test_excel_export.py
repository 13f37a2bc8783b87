from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from petitions.models import SubQuestion
from tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_filtered_rows_as_text_without_private_contacts(client, world):
    risky = PetitionFactory(
        conference=world.conference,
        bridge_point=world.sites["Tân Minh"],
        issue_group=world.groups[0],
        content='=HYPERLINK("http://evil.example","bấm vào đây") vốn vay',
        submitter_contact="0912 345 678",
    )
    SubQuestion.objects.create(petition=risky, position=1, content="Lãi suất bao nhiêu?")
    PetitionFactory(
        conference=world.conference, bridge_point=world.sites["Đội Cấn"], issue_group=world.groups[1], content="Nghề"
    )
    client.force_login(world.home_affairs)
    response = client.get(reverse("petitions:export", args=[world.conference.slug]), {"group": world.groups[0].pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content))["Kiến nghị"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("TT", "Nội dung kiến nghị", "Đơn vị kiến nghị", "Nhóm vấn đề", "Điểm cầu")
    assert len(rows) == 2
    assert rows[1][0] == risky.number and rows[1][3] == world.groups[0].name and rows[1][4] == "Xã Tân Minh"
    assert rows[1][5] == "1. Lãi suất bao nhiêu?"
    cell = sheet.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # text, not a formula
    assert b"0912 345 678" not in response.content
    assert all("0912" not in str(value) for row in rows for value in row)


def test_a_youth_union_exports_only_its_own_petitions(client, world):
    PetitionFactory(conference=world.conference, bridge_point=world.sites["Tân Minh"], content="Của huyện mình")
    PetitionFactory(conference=world.conference, bridge_point=world.sites["Hợp Thành"], content="Của huyện khác")
    client.force_login(world.union)
    response = client.get(reverse("petitions:export", args=[world.conference.slug]))
    contents = [
        row[1] for row in load_workbook(BytesIO(response.content))["Kiến nghị"].iter_rows(min_row=2, values_only=True)
    ]
    assert contents == ["Của huyện mình"]
