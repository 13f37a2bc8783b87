"""The demo documents read page by page as a records clerk reads them before signing (issue 14): a signer under
every signature block, seed 003's flat appendix in seed order, no heading left at a page foot, no document number
cut across lines, split rows closed by a rule, recipients hanging from their dash, no short word alone on a last
line."""

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from conclusions.notices.documents import typeset
from demo import seeds

from .pdfs import MM, all_text, column_text, horizontal_rules, lines, normalise, page_texts

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"^\d+(\.\d+)*\.\s")


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _appendix_start(pdf: bytes) -> int:
    return next(
        i for i, text in enumerate(page_texts(pdf)) if text.replace("DỰ THẢO", "").lstrip().startswith("Phụ lục")
    )


def _signer_below_title(pdf: bytes, page: int, title: str, name: str) -> bool:
    right = lines(pdf, page, x0_mm=100)
    title_line = next(line for line in right if line["text"] == title)
    return any(line["text"] == name and line["top"] > title_line["bottom"] + 40 for line in right)


def test_every_issued_demo_document_names_its_signer_under_the_title(demo_files):
    notice = demo_files.trang_dinh_pdf
    last_notice_page = _appendix_start(notice) - 1
    assert _signer_below_title(notice, last_notice_page, "CHỦ TỊCH", "Nông Thanh Sơn")
    assert "TM. ỦY BAN NHÂN DÂN" in all_text(notice)
    docx = Document(io.BytesIO(demo_files.trang_dinh_docx))
    signature = [c.text for t in docx.tables for r in t.rows for c in r.cells if "CHỦ TỊCH" in c.text]
    assert signature and "Nông Thanh Sơn" in signature[0]
    report = demo_files.trang_dinh_report
    assert "Số: 35/BC-UBND" in all_text(report) and "DỰ THẢO" not in all_text(report)
    assert _signer_below_title(report, _pages(report) - 1, "CHỦ TỊCH", "Nông Thanh Sơn")


def test_the_trang_dinh_appendix_is_seed_003_one_flat_table_in_seed_order(demo_files):
    pdf = demo_files.trang_dinh_pdf
    start = _appendix_start(pdf)
    pages = range(start, _pages(pdf))
    assert not re.search(r"\b(I|II|III)\. [A-ZĐ]{2,}", column_text(pdf, pages, 30, 195))  # no issue-group rows
    questions = column_text(pdf, pages, 40, 88)  # the question column, top to bottom
    _title, _reference, rows = seeds.parse_appendix_trang_dinh()
    positions = [questions.find(normalise(row.content)[:40]) for row in rows]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize("document", ["lang_son_draft", "ha_nam_draft", "trang_dinh_pdf"])
def test_no_page_of_a_demo_notice_ends_with_a_heading(demo_files, document):
    pdf = getattr(demo_files, document)
    texts = page_texts(pdf)
    notice_pages = next(
        (i for i, t in enumerate(texts) if t.replace("DỰ THẢO", "").lstrip().startswith("Phụ lục")), len(texts)
    )
    for page in range(notice_pages):
        body = [line for line in lines(pdf, page, x0_mm=29, x1_mm=196) if line["bottom"] < 277 * MM]
        last = body[-1]
        assert not (last["bold"] and HEADING.match(last["text"])), (page + 1, last["text"])


def test_document_numbers_and_dates_are_never_cut_across_lines(demo_files):
    pdf = demo_files.trang_dinh_pdf
    _title, _reference, rows = seeds.parse_appendix_trang_dinh()
    source = " ".join(f"{row.content} {row.answer}" for row in rows)
    tokens = [piece for piece, whole in typeset.unbreakable_spans(source) if whole]
    assert "08/2019/NQ-HĐND" in tokens and "3188/QĐ-UBND" in tokens
    with __import__("pdfplumber").open(io.BytesIO(pdf)) as doc:
        words = [w["text"] for page in doc.pages for w in page.extract_words()]
    for token in set(tokens):
        whole = sum(word.count(token) for word in words)
        assert whole >= source.count(token), token


def test_a_row_split_at_a_page_foot_is_closed_by_a_rule(demo_files):
    pdf = demo_files.trang_dinh_pdf
    start = _appendix_start(pdf)
    for page in range(start, _pages(pdf) - 1):
        # The row goes on on the next page: its cells reach the page foot (277 mm), where a rule closes them.
        table_bottom = max(line["bottom"] for line in lines(pdf, page, x0_mm=29, x1_mm=196))
        rules = horizontal_rules(pdf, page)
        assert any(table_bottom <= top <= 277 * MM + 2 for top in rules), page + 1


def test_a_wrapped_recipient_hangs_under_its_text_and_never_starts_with_a_dash_of_its_own(demo_files):
    pdf = demo_files.lang_son_draft
    last = _pages(pdf) - 1
    column = lines(pdf, last, x0_mm=29, x1_mm=109)
    first = next(i for i, line in enumerate(column) if line["text"] == "Nơi nhận:")
    block = [line for line in column[first + 1 :] if line["text"] != "(PVD)"]  # the subscript of "NC(PVD)"
    dashes = [line for line in block if line["text"].startswith("- ")]
    assert len(dashes) == len(seeds.parse_notice_2023().recipients) + 1  # and "- Lưu: VT, NC(PVD)."
    wrapped = [line for line in block if not line["text"].startswith("- ")]
    assert wrapped and all(line["x0"] > dashes[0]["x0"] + 4 for line in wrapped)


def test_no_short_word_stands_alone_on_the_last_line_of_a_paragraph(demo_files):
    pdf = demo_files.lang_son_draft
    texts = [line["text"] for page in range(_pages(pdf)) for line in lines(pdf, page, x0_mm=29, x1_mm=196)]
    closing = [text for text in texts if text.endswith("./.")]
    assert closing and all(len(text.split()) >= 2 for text in closing)
    column = [line["text"] for line in lines(pdf, _pages(pdf) - 1, x0_mm=29, x1_mm=109)]
    recipients = column[column.index("Nơi nhận:") + 1 :]
    assert all(len(text.split()) >= 2 for text in recipients if not text.startswith(("- Lưu", "(")))
