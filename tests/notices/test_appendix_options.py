"""The appendix as the clerk sets it: grouped under issue-group rows or one flat table, rows in a chosen order,
the reference line's wording, several appendices (Phụ lục I, II) each numbering its own pages; a petition that no
appendix lists stops the issue."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from conclusions.errors import NoticeError
from conclusions.models import AppendixOrder, AppendixReference
from conclusions.notices.appendices import notice_appendix_delete, notice_appendix_save
from conclusions.notices.documents.content import notice_content
from conclusions.notices.documents.render import render_notice
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.issuing import issue_problems

from .pdfs import page_texts, top_margin_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(world):
    for i, group in enumerate([0, 1, 0, 1], start=1):
        world.petition(f"Câu hỏi số {i}?", group=world.groups[group], answer=f"Trả lời câu {i}.")
    return notice_draft_from_conference(conference=world.conference, actor=world.officer)


def _save(world, notice, appendix=None, groups=(), **values):
    notice.refresh_from_db()
    title = values.pop("title", appendix.title if appendix else "PHỤ LỤC BỔ SUNG")
    return notice_appendix_save(
        notice=notice,
        appendix=appendix,
        values={"title": title, **values},
        issue_groups=list(groups),
        expected_version=notice.lock_version,
        actor=world.officer,
    )


def _numbers(appendix):
    return [(row.number, row.question[0].text) for group in appendix.groups for row in group.rows]


def test_a_flat_appendix_in_a_chosen_order_with_the_issued_with_wording(world, notice):
    _save(
        world,
        notice,
        notice.appendices.get(),
        grouped=False,
        order=AppendixOrder.CHOSEN,
        row_order="3, 1 4;2",
        reference_wording=AppendixReference.ISSUED_WITH,
        reference_issuer="UBND tỉnh",
    )
    (appendix,) = notice_content(notice).appendices
    assert not appendix.grouped and len(appendix.groups) == 1
    assert _numbers(appendix) == [
        (1, "Câu hỏi số 3?"),
        (2, "Câu hỏi số 1?"),
        (3, "Câu hỏi số 4?"),
        (4, "Câu hỏi số 2?"),
    ]
    assert appendix.reference.startswith("(Ban hành kèm theo Thông báo số: ") and appendix.reference.endswith(
        "của UBND tỉnh)"
    )
    pdf = render_notice(notice, "pdf").data
    appendix_text = " ".join(t for t in page_texts(pdf) if "NỘI DUNG GIẢI ĐÁP" in t)
    assert "I. GIẢI PHÁP" not in appendix_text


@pytest.mark.parametrize(
    "row_order, message",
    [("3, 9", "không có kiến nghị số 9"), ("1, 1", "số 1 được nhập hai lần"), ("1, hai", "“hai” không phải là số")],
)
def test_a_chosen_order_is_refused_with_a_message_when_it_names_what_is_not_there(world, notice, row_order, message):
    with pytest.raises(NoticeError, match=message):
        _save(world, notice, notice.appendices.get(), order=AppendixOrder.CHOSEN, row_order=row_order)


def test_grouped_rows_keep_the_chosen_order_inside_each_issue_group_in_the_xlsx_too(world, notice):
    _save(world, notice, notice.appendices.get(), order=AppendixOrder.CHOSEN, row_order="3, 4, 1, 2")
    (appendix,) = notice_content(notice).appendices
    assert [g.heading for g in appendix.groups] == ["I. GIẢI PHÁP, CƠ CHẾ HỖ TRỢ VỐN", "II. ĐÀO TẠO NGHỀ, VIỆC LÀM"]
    assert [[r.question[0].text for r in g.rows] for g in appendix.groups] == [
        ["Câu hỏi số 3?", "Câu hỏi số 1?"],
        ["Câu hỏi số 4?", "Câu hỏi số 2?"],
    ]
    sheet = load_workbook(io.BytesIO(render_notice(notice, "xlsx").data)).active
    first_column = [row[0] for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert first_column == ["I. GIẢI PHÁP, CƠ CHẾ HỖ TRỢ VỐN", 1, 2, "II. ĐÀO TẠO NGHỀ, VIỆC LÀM", 3, 4]


def test_two_appendices_split_by_issue_group_are_numbered_i_and_ii_and_number_their_own_pages(world, notice):
    _save(world, notice, None, groups=[world.groups[1]], title="TỔNG HỢP Ý KIẾN VỀ VIỆC LÀM", grouped=False)
    first, second = notice_content(notice).appendices
    assert (first.label, second.label) == ("Phụ lục I", "Phụ lục II")
    assert _numbers(first) == [(1, "Câu hỏi số 1?"), (2, "Câu hỏi số 3?")]
    assert _numbers(second) == [(1, "Câu hỏi số 2?"), (2, "Câu hỏi số 4?")]
    pdf = render_notice(notice, "pdf").data
    starts = [i for i, t in enumerate(page_texts(pdf)) if t.replace("DỰ THẢO", "").lstrip().startswith("Phụ lục I")]
    assert len(starts) == 2 and all(top_margin_number(pdf, page) in (None, "DỰ THẢO") for page in starts)
    docx = Document(io.BytesIO(render_notice(notice, "docx").data))
    assert len(docx.sections) == 3 and all('w:start="1"' in s._sectPr.xml for s in docx.sections[1:])
    workbook = load_workbook(io.BytesIO(render_notice(notice, "xlsx").data))
    assert workbook.sheetnames == ["Phụ lục I", "Phụ lục II"]


def test_a_group_in_two_appendices_and_the_last_appendix_are_refused(world, notice):
    second = _save(world, notice, None, groups=[world.groups[1]])
    with pytest.raises(NoticeError, match="đã thuộc phụ lục số 2"):
        _save(world, notice, notice.appendices.get(position=1), groups=[world.groups[1]])
    notice.refresh_from_db()
    notice_appendix_delete(appendix=second, expected_version=notice.lock_version, actor=world.officer)
    notice.refresh_from_db()
    with pytest.raises(NoticeError, match="ít nhất một phụ lục"):
        notice_appendix_delete(
            appendix=notice.appendices.get(), expected_version=notice.lock_version, actor=world.officer
        )


def test_a_petition_no_appendix_lists_stops_the_issue(world, notice):
    _save(world, notice, notice.appendices.get(), groups=[world.groups[0]])
    problems = " ".join(issue_problems(notice))
    assert "Kiến nghị số 2, 4 có trả lời nhưng không thuộc phụ lục nào" in problems
