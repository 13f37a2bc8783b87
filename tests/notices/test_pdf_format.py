"""The rendered notice is an official document in the Decree 30/2020 format, checked on the PDF itself."""

import pytest

from .pdfs import MM, all_text, font_names, page_texts, top_margin_number, words

# The demo documents are built once per session (demo_files); the database must exist for that.
pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_pdf(demo_files):
    return demo_files.lang_son_draft


def test_pages_are_a4_portrait(draft_pdf):
    import io

    from pypdf import PdfReader

    for page in PdfReader(io.BytesIO(draft_pdf)).pages:
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842


def test_margins_measured_from_text_positions_are_left_30_right_15_top_and_bottom_20_mm(draft_pdf):
    for page in range(len(page_texts(draft_pdf))):
        body = [w for w in words(draft_pdf, page) if w["top"] > 20 * MM]
        left = min(w["x0"] for w in body) / MM
        right = 210 - max(w["x1"] for w in body) / MM
        bottom = 297 - max(w["bottom"] for w in body) / MM
        assert 29.5 <= left <= 31, (page, left)
        assert 14.5 <= right <= 16.5, (page, right)
        assert bottom >= 19.5, (page, bottom)
        assert min(w["top"] for w in body) / MM >= 20


def test_only_the_bundled_liberation_serif_is_embedded(draft_pdf):
    names = font_names(draft_pdf)
    assert names
    faces = {name.split("+", 1)[-1] for name in names}
    assert faces <= {f"Liberation-Serif{face}" for face in ("", "-Bold", "-Italic", "-Bold-Italic")}
    assert "Liberation-Serif" in faces and "Liberation-Serif-Bold" in faces


def test_header_has_both_columns_the_blank_number_and_the_italic_place_date_of_a_draft(draft_pdf):
    first = " ".join(page_texts(draft_pdf)[0].split())
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "THÔNG BÁO",
        "DỰ THẢO",
    ):
        assert expected in first
    text = all_text(draft_pdf)
    assert "Số: /TB-UBND" in text
    assert "Lạng Sơn, ngày tháng 4 năm 2023" in text


def test_page_numbers_are_centred_in_the_top_margin_from_page_two(draft_pdf):
    pages = len(page_texts(draft_pdf))
    assert pages >= 3
    assert top_margin_number(draft_pdf, 0) in (None, "DỰ THẢO")
    for page in range(1, pages):
        numbers = [w for w in words(draft_pdf, page) if w["bottom"] < 20 * MM]
        assert [w["text"] for w in numbers] == [str(page + 1)]
        centre = (numbers[0]["x0"] + numbers[0]["x1"]) / 2 / MM
        assert abs(centre - (30 + (210 - 30 - 15) / 2)) < 1.5


def test_signature_block_sits_beside_the_recipients(draft_pdf):
    last = len(page_texts(draft_pdf)) - 1
    found = {w["text"]: w for w in words(draft_pdf, last)}
    label, authority = found["nhận:"], found["TL."]
    assert abs(label["top"] - authority["top"]) < 3  # level with each other
    assert label["x0"] < 100 * MM < authority["x0"]
