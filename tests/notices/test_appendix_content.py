"""The appendix lists every published petition by issue group: sub-questions with starred sub-answers, merged
duplicates once with all their units, answers given at the conference marked; optional agency column; landscape."""

import io

import pytest
from pypdf import PdfReader

from conclusions.notices.appendices import notice_appendix_save
from conclusions.notices.documents.content import notice_content
from conclusions.notices.documents.render import render_notice
from conclusions.notices.drafting import notice_draft_from_conference
from petitions.models import Petition, PetitionStatus

from .pdfs import MM, page_texts, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(world):
    first = world.petition("Đề nghị hỗ trợ vốn vay?", unit="Bí thư Đoàn xã Tân Minh", answer="Sẽ xem xét.", live=True)
    Petition.objects.create(
        conference=world.conference,
        number=90,
        content="Đề nghị hỗ trợ vốn (trùng)",
        submitting_unit="Đoàn xã Đào Viên",
        status=PetitionStatus.MERGED,
        duplicate_of=first,
    )
    world.petition(
        "Có những giải pháp nào? Vai trò của các cơ quan?",
        group=world.groups[1],
        parts=[("Có những giải pháp nào?", "Tăng cường đào tạo."), ("Vai trò của các cơ quan?", "Phối hợp.")],
    )
    return notice_draft_from_conference(conference=world.conference, actor=world.officer)


def test_rows_are_grouped_numbered_and_carry_every_unit_and_starred_sub_answers(notice):
    appendix = notice_content(notice).appendix
    assert [g.heading for g in appendix.groups] == ["I. GIẢI PHÁP, CƠ CHẾ HỖ TRỢ VỐN", "II. ĐÀO TẠO NGHỀ, VIỆC LÀM"]
    first, second = appendix.groups[0].rows[0], appendix.groups[1].rows[0]
    assert (first.number, second.number) == (1, 2)
    assert first.units == ["Bí thư Đoàn xã Tân Minh", "Đoàn xã Đào Viên"]
    assert first.answer[0].kind == "live" and "Giám đốc Sở Lao động" in first.answer[0].text
    assert [(b.kind, b.text) for b in second.answer] == [
        ("star", "Có những giải pháp nào?"),
        ("p", "Tăng cường đào tạo."),
        ("star", "Vai trò của các cơ quan?"),
        ("p", "Phối hợp."),
    ]
    assert appendix.row_count == 2  # the merged duplicate is not a row of its own


def test_landscape_appendix_with_the_agency_column(world, notice):
    appendix = notice.appendices.get()
    notice_appendix_save(
        notice=notice,
        appendix=appendix,
        values={"title": appendix.title, "landscape": True, "show_agency": True},
        issue_groups=[],
        expected_version=notice.lock_version,
        actor=world.officer,
    )
    notice.refresh_from_db()
    pdf = render_notice(notice, "pdf").data
    pages = PdfReader(io.BytesIO(pdf)).pages
    start = next(i for i, t in enumerate(page_texts(pdf)) if "Phụ lục" in t.split("\n")[1:3] or "Phụ lục" in t[:30])
    assert float(pages[0].mediabox.width) < float(pages[0].mediabox.height)
    assert float(pages[start].mediabox.width) > float(pages[start].mediabox.height)
    from .pdfs import column_text

    # Landscape columns: TT 30-42, question 42-108, unit 108-144, agency 144-178, answer 178-282 mm.
    agency = column_text(pdf, range(start, start + 1), 144.5, 177.5)
    assert "CƠ QUAN TRẢ LỜI" in agency and "Sở Lao động - Thương binh và Xã hội" in agency
    body = [w for w in words(pdf, start) if w["top"] > 20 * MM]
    # Table text sits inside the 30 mm / 15 mm margins by the cell padding (4 pt = 1.4 mm).
    assert 30 <= min(w["x0"] for w in body) / MM <= 32.5
    assert 15 <= 297 - max(w["x1"] for w in body) / MM <= 18
