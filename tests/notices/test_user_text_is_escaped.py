"""User text cannot reach the disk or the network through the PDF, and shows as text in every format."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from conclusions.notices.documents.fetcher import AssetRefused, BundledAssetFetcher
from conclusions.notices.documents.parallel import html_to_pdf
from conclusions.notices.documents.render import render_notice
from conclusions.notices.drafting import notice_draft_from_conference

from .pdfs import column_text, embedded_files_and_annotations, page_texts

pytestmark = pytest.mark.django_db

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel="attachment" href="file:///etc/passwd">'


@pytest.fixture
def hostile(world):
    world.petition(f"Câu hỏi có thẻ {IMG} ở giữa?", unit=f"Đoàn xã {LINK}", answer=f"Trả lời {LINK} và {IMG}.")
    world.petition('=HYPERLINK("http://example.com","bấm vào")', answer="@SUM(1+1)")
    return notice_draft_from_conference(conference=world.conference, actor=world.officer)


def test_pdf_has_no_attachment_and_no_fetched_file_and_shows_the_tags_as_text(hostile):
    pdf = render_notice(hostile, "pdf").data
    has_files, annotations = embedded_files_and_annotations(pdf)
    assert not has_files
    assert "/FileAttachment" not in annotations
    assert b"root:x:0:0" not in pdf
    with open("/etc/passwd", "rb") as passwd:
        assert passwd.read()[:40] not in pdf
    pages = range(1, len(page_texts(pdf)))

    def squeezed(text):  # narrow columns break long tags across lines
        return "".join(text.split())

    assert squeezed(IMG) in squeezed(column_text(pdf, pages, 40, 88))
    answers = squeezed(column_text(pdf, pages, 118, 195))
    assert '<linkrel="attachment"href="file:///' in answers and 'etc/passwd">và<imgsrc="file:///' in answers


def test_the_fetcher_serves_bundled_assets_and_refuses_everything_else():
    fetcher = BundledAssetFetcher()
    assert fetcher.fetch("asset:fonts/LiberationSerif-Regular.ttf").read(4) == b"\x00\x01\x00\x00"
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.com/x.css",
        "asset:../../settings.py",
        "data:text/plain,hello",
    ):
        with pytest.raises(AssetRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def test_even_raw_html_cannot_embed_a_local_file():
    """Defence in depth: if markup ever reached WeasyPrint unescaped, the fetcher still refuses the file."""
    pdf = html_to_pdf(f"<html><head>{LINK}</head><body><p>x</p>{IMG}</body></html>")
    has_files, annotations = embedded_files_and_annotations(pdf)
    assert not has_files and "/FileAttachment" not in annotations
    assert b"root:x:0:0" not in pdf


def test_docx_keeps_the_tags_as_text(hostile):
    data = render_notice(hostile, "docx").data
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in xml or '&lt;img src="file:///etc/passwd"&gt;' in xml
    assert "<img" not in xml


def test_xlsx_never_turns_a_petition_into_a_formula(hostile):
    data = render_notice(hostile, "xlsx").data
    sheet = load_workbook(io.BytesIO(data)).active
    values = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    formula_like = [cell for cell in values if cell.value.startswith(("=", "@"))]
    assert formula_like
    assert all(cell.data_type == "s" for cell in formula_like)
    assert any(IMG in cell.value for cell in values)
