"""An answer reads the same on the page and in the notice's PDF, DOCX and XLSX: one reader of the text
(petitions.answer_text). A dash item is "- " with a space, as the seeds write them (seed 003); "-x" or "+84 ..." at
the start of a line is ordinary text everywhere."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from conclusions.notices.documents.render import render_notice
from conclusions.notices.drafting import notice_draft_from_conference
from petitions.answer_text import render

from .pdfs import all_text

pytestmark = pytest.mark.django_db

ANSWER = (
    "* Về vốn: Ngân hàng Chính sách xã hội cho vay tối đa 100 triệu đồng.\n"
    "- Vay để học nghề;\n"
    "-x là ký hiệu trong văn bản, không phải gạch đầu dòng.\n"
    "+84 912 345 678 là số điện thoại tư vấn.\n"
    "Đoạn kết."
)


def _page(text: str) -> list[tuple[str, str]]:
    """(kind, text) of what the page shows: a starred heading, a list item or a paragraph."""
    html = str(render(text))
    found = re.findall(r'<p class="answer-star"><strong>(.*?)</strong>(.*?)</p>|<li>(.*?)</li>|<p>(.*?)</p>', html)
    out = []
    for star_lead, star_text, item, para in found:
        if star_lead:
            out.append(("star", f"{star_lead}{star_text}"))
        elif item:
            out.append(("dash", f"- {item}"))
        else:
            out.append(("p", para))
    return out


def _docx_answer(data: bytes) -> list[str]:
    """The answer cell's lines as a reader sees them (a no-break space, which ties a paragraph's last word to the
    one before it, reads as a space; the word joiner inside a document number is invisible)."""
    cells = Document(io.BytesIO(data)).tables[-1].rows[-1].cells
    return [p.text.replace("\u00a0", " ").replace("\u2060", "") for p in cells[-1].paragraphs if p.text]


def test_the_page_and_the_pdf_docx_and_xlsx_show_one_structure_for_one_answer(world):
    world.petition("Hỏi về vốn vay?", answer=ANSWER)
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    page = _page(ANSWER)
    assert page == [
        ("star", "* Về vốn: Ngân hàng Chính sách xã hội cho vay tối đa 100 triệu đồng."),
        ("dash", "- Vay để học nghề;"),
        ("p", "-x là ký hiệu trong văn bản, không phải gạch đầu dòng."),
        ("p", "+84 912 345 678 là số điện thoại tư vấn."),
        ("p", "Đoạn kết."),
    ]
    lines = [text for _kind, text in page]
    assert _docx_answer(render_notice(notice, "docx").data) == lines
    sheet = load_workbook(io.BytesIO(render_notice(notice, "xlsx").data)).active
    answer_cell = [row[-1] for row in sheet.iter_rows(values_only=True) if row[0] == 1][0]
    assert answer_cell.splitlines() == lines
    pdf = all_text(render_notice(notice, "pdf", workers=1).data)
    assert "-x là ký hiệu" in pdf and "- x là ký hiệu" not in pdf
    assert "+84 912 345 678" in pdf and "- 84 912" not in pdf
