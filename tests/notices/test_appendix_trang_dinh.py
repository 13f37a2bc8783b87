"""The issued Tràng Định notice (1428/TB-UBND) has its rendered files stored, with the appendix of seed 003."""

import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from demo import seeds

from .pdfs import MM, all_text, column_text, normalise, page_texts, words

# The demo documents are built once per session (demo_files); the database must exist for that.
pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(demo_files):
    return demo_files.trang_dinh_sha256, demo_files.trang_dinh_pdf


def _appendix_start(pdf: bytes) -> int:
    return next(i for i, text in enumerate(page_texts(pdf)) if text.lstrip().startswith("Phụ lục"))


def test_load_demo_stores_the_pdf_of_the_issued_notice_with_its_hash(issued):
    sha256, pdf = issued
    assert sha256 == hashlib.sha256(pdf).hexdigest()
    assert pdf.startswith(b"%PDF")


def test_issued_notice_shows_its_number_and_date_and_no_draft_mark(issued):
    _notice, pdf = issued
    text = all_text(pdf)
    assert "Số: 1428/TB-UBND" in text
    assert "Tràng Định, ngày 12 tháng 4 năm 2024" in text
    assert "DỰ THẢO" not in text


def test_appendix_has_its_heading_reference_and_the_fourteen_rows_of_seed_003(issued):
    _notice, pdf = issued
    start = _appendix_start(pdf)
    head = normalise(page_texts(pdf)[start])
    assert head.startswith("Phụ lục TỔNG HỢP NỘI DUNG GIẢI ĐÁP CÁC Ý KIẾN, KIẾN NGHỊ, ĐỀ XUẤT CỦA THANH NIÊN")
    # Seed 003's own wording (issue 14: the demo reproduces it; Decree 30's "Kèm theo ..." is the default).
    assert "(Ban hành kèm theo Thông báo số: 1428/TB-UBND ngày 12/4/2024 của UBND huyện)" in head
    pages = range(start, len(page_texts(pdf)))
    # Columns as laid out: TT 30-40 mm, question 40-88 mm, unit 88-118 mm, answer 118-195 mm from the left edge.
    questions = column_text(pdf, pages, 40, 88)
    units = column_text(pdf, pages, 88, 118)
    answers = column_text(pdf, pages, 118, 195)
    _title, _reference, rows = seeds.parse_appendix_trang_dinh()
    assert len(rows) == 14
    for row in rows:
        assert normalise(row.content)[:50] in questions
        assert normalise(row.unit).split()[-1] in units
        assert normalise(row.answer.splitlines()[-1])[-30:] in answers
    # TT runs 1..14 in the first column.
    numbers = []
    for page in range(start, len(page_texts(pdf))):
        numbers += [int(w["text"]) for w in words(pdf, page) if w["x1"] < 41 * MM and re.fullmatch(r"\d+", w["text"])]
    assert numbers == list(range(1, 15))


def test_appendix_repeats_its_header_row_and_numbers_its_own_pages(issued):
    _notice, pdf = issued
    start = _appendix_start(pdf)
    total = len(PdfReader(io.BytesIO(pdf)).pages)
    assert total - start >= 3
    for page in range(start, total):
        assert "NỘI DUNG GIẢI ĐÁP" in normalise(page_texts(pdf)[page])
        top = [w["text"] for w in words(pdf, page) if w["bottom"] < 20 * MM]
        assert top == ([] if page == start else [str(page - start + 1)])
