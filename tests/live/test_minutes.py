"""The minutes: the session in the order it happened (time, site, question, who answered, time on air, outcome),
as a page, a DOCX and an XLSX that say the same; speakers' names stay out; typed text never becomes a formula."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from petitions.live.minutes import minutes_of
from petitions.live.models import LiveEntry
from petitions.live.services.outcomes import entry_answered, entry_in_writing, entry_merge
from petitions.live.services.queue import entry_put_on_air

from .conftest import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(live):
    first = entry_put_on_air(entry=post(live, content="Câu đầu tiên?"), actor=live.moderator, responder=live.labour)
    LiveEntry.objects.filter(pk=first.pk).update(on_air_at=timezone.now() - timedelta(seconds=150))
    entry_answered(entry=first, answered_by="Giám đốc Sở LĐTBXH", summary="Có chính sách.", actor=live.moderator)
    second = entry_put_on_air(entry=post(live, content='=HYPERLINK("http://x")'), actor=live.moderator)
    entry_in_writing(entry=second, agency=live.education, working_days=10, actor=live.moderator)
    kept = LiveEntry.objects.get(session=live.session, petition=live.petitions[0])
    entry_merge(entry=post(live, content="Trùng câu hỏi vốn?"), into=kept, actor=live.moderator)
    return live


def test_the_minutes_list_the_session_in_order_with_time_on_air_and_outcome(day):
    minutes = minutes_of(day.session)
    assert [row.question for row in minutes.rows] == ["Câu đầu tiên?", '=HYPERLINK("http://x")', "Trùng câu hỏi vốn?"]
    first, second, third = minutes.rows
    assert (first.responder, first.outcome, first.detail) == (
        "Giám đốc Sở LĐTBXH",
        "Đã trả lời tại chỗ",
        "Có chính sách.",
    )
    assert 150 <= first.seconds_on_air < 160 and first.on_air.startswith("2:3")
    assert (
        second.outcome == "Trả lời bằng văn bản"
        and second.detail == "Giao Sở GDĐT trả lời bằng văn bản, hạn 09/04/2024"
    )
    assert third.detail == "Gộp vào câu hỏi số 1"
    assert first.site == day.sites["commune"].name
    assert minutes.counts == {"answered": 1, "in_writing": 1, "merged": 1}


def test_the_docx_and_xlsx_say_the_same_without_speakers_names(client, day):
    client.force_login(day.ha)
    docx = client.get(reverse("live:minutes_docx", kwargs={"slug": day.conference.slug}))
    xlsx = client.get(reverse("live:minutes_xlsx", kwargs={"slug": day.conference.slug}))
    assert docx["Content-Disposition"].startswith('attachment; filename="nhat-ky-phien-lang-son-2024')
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "NHẬT KÝ PHIÊN ĐỐI THOẠI" in document.paragraphs[0].text
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=7)]
    assert [row[5] for row in values] == ["Câu đầu tiên?", '=HYPERLINK("http://x")', "Trùng câu hỏi vốn?"]
    assert sheet.cell(8, 6).data_type == "s"  # text, not a formula
    assert values[0][6] == "Giám đốc Sở LĐTBXH" and values[0][8] == "Đã trả lời tại chỗ"
    for row in values:
        assert row[5] in text
    assert "Bí Mật" not in text and "Bí Mật" not in str(values)
    page = client.get(reverse("live:minutes", kwargs={"slug": day.conference.slug})).content.decode()
    assert "Trả lời tại chỗ: 1; trả lời bằng văn bản: 1; gộp vào câu hỏi tương tự: 1." in page
