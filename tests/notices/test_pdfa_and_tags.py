"""Issued PDFs are archival (PDF/A-2b) and accessible (tagged, in Vietnamese, titled); a draft's watermark is seen on
every page but is never part of its text. Checked on the demo's files: the issued Tràng Định notice 1428/TB-UBND
(notice and appendix joined), its yearly report, and the Lạng Sơn and Hà Nam drafts."""

import io
import re

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from .pdfs import archival_facts, grey_pixels, page_texts, untagged_text

pytestmark = pytest.mark.django_db


def issued_files(demo_files):
    return {"notice": demo_files.trang_dinh_pdf, "report": demo_files.trang_dinh_report}


@pytest.mark.parametrize("name", ["notice", "report"])
def test_an_issued_pdf_says_it_is_pdfa_2b_and_carries_what_pdfa_asks_for(demo_files, name):
    facts = archival_facts(issued_files(demo_files)[name])
    assert facts["header"] == "%PDF-1.7"
    assert re.search(r"<pdfaid:part>2</pdfaid:part>\s*<pdfaid:conformance>B</pdfaid:conformance>", facts["xmp"])
    assert facts["xmp"].startswith('<?xpacket begin="\ufeff"') and facts["xmp"].endswith('<?xpacket end="w"?>')
    assert not facts["xmp_filtered"]
    [intent] = facts["intents"]
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"  # an ICC profile, RGB
    first, second = facts["file_id"]
    assert len(first.original_bytes) == 16 and first == second
    assert facts["fonts_embedded"] and all(facts["fonts_embedded"])
    with pikepdf.open(io.BytesIO(issued_files(demo_files)[name])) as pdf:
        assert pdf.check_pdf_syntax() == []  # qpdf's own check of the file's structure
        assert pdf.open_metadata().pdfa_status == "2B"  # the XMP as another reader parses it


@pytest.mark.parametrize("name", ["notice", "report"])
def test_an_issued_pdf_is_tagged_in_vietnamese_and_shows_its_title(demo_files, name):
    data = issued_files(demo_files)[name]
    facts = archival_facts(data)
    assert facts["marked"]
    assert facts["lang"] == "vi"
    assert "<dc:language><rdf:Bag><rdf:li>vi</rdf:li>" in facts["xmp"]
    assert facts["display_title"]
    assert facts["title"] and f'<rdf:li xml:lang="x-default">{facts["title"]}</rdf:li>' in facts["xmp"]
    assert f"<pdf:Producer>{facts['producer']}</pdf:Producer>" in facts["xmp"]
    document = facts["document"]
    assert document["/S"] == "/Document" and len(document["/K"]) >= 1
    assert all(part.get_object()["/S"] == "/Part" for part in document["/K"])
    assert untagged_text(data) == []


def test_the_issued_notice_title_names_its_number(demo_files):
    facts = archival_facts(demo_files.trang_dinh_pdf)
    assert "1428/TB-UBND" in facts["title"]
    assert "Báo cáo" in archival_facts(demo_files.trang_dinh_report)["title"]


def first_page_of(element, pages: list[int]) -> int:
    """The first page (index in the file) an element's content is on."""
    stack = [element]
    while stack:
        element = stack.pop(0)
        if "/Pg" in element:
            return pages.index(element.raw_get("/Pg").idnum)
        stack += [kid.get_object() for kid in element.get("/K", []) if hasattr(kid, "get_object")]
    raise AssertionError("no page")


def test_the_notice_and_its_appendix_are_one_structure_whose_elements_point_at_the_file_pages(demo_files):
    data = demo_files.trang_dinh_pdf
    reader = PdfReader(io.BytesIO(data))
    pages = [page.indirect_reference.idnum for page in reader.pages]
    document = archival_facts(data)["document"]
    parts = [part.get_object() for part in document["/K"]]
    assert len(parts) >= 2  # the notice, then the appendix
    seen, stack = 0, list(parts)
    while stack:
        element = stack.pop()
        if "/Pg" in element:
            assert element.raw_get("/Pg").idnum in pages
        seen += 1
        stack += [kid.get_object() for kid in element.get("/K", []) if hasattr(kid, "get_object")]
        stack = [e for e in stack if hasattr(e, "get")]
    assert seen > 50
    # The structure reads in page order: the notice from the first page, then the appendix after it.
    starts = [first_page_of(part, pages) for part in parts]
    assert starts[0] == 0 and starts == sorted(starts) and starts[-1] > 0


def test_page_numbers_are_pagination_artifacts_not_text_of_the_document(demo_files):
    data = demo_files.trang_dinh_pdf
    content = PdfReader(io.BytesIO(data)).pages[1].get_contents().get_data()
    assert b"/Artifact <</Type /Pagination /Subtype /Header>> BDC" in content
    assert untagged_text(data) == []


@pytest.mark.parametrize("name", ["lang_son_draft", "ha_nam_draft"])
def test_a_draft_is_tagged_and_its_watermark_never_mixes_into_its_text(demo_files, name):
    data = getattr(demo_files, name)
    assert untagged_text(data) == []
    # No big letters anywhere: the watermark is not text at all (it was 80 pt letters across every page).
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert max(char["size"] for page in pdf.pages for char in page.chars) < 20
    # Copied or searched, a page reads as its own lines: "DỰ THẢO" only once, in the box on the first page.
    reader = PdfReader(io.BytesIO(data))
    extracted = [page.extract_text() for page in reader.pages]
    assert sum(text.count("DỰ THẢO") for text in extracted) == 1
    assert "DỰ THẢO" in extracted[0].splitlines()[0] or "DỰ THẢO" in page_texts(data)[0].splitlines()[0]
    for text in extracted[1:]:
        assert not re.search(r"(^|\s)(D|Ự|T|H|Ả|O)(\s|$)", text.replace("TT", "")), text[:300]


def test_the_watermark_is_still_seen_on_every_page_of_a_draft_and_on_none_of_the_issued_notice(demo_files):
    draft = demo_files.lang_son_draft
    for page in range(len(PdfReader(io.BytesIO(draft)).pages)):
        assert grey_pixels(draft, page) > 500, page
    assert grey_pixels(demo_files.trang_dinh_pdf, 0) < 100
