import io
from datetime import date

import pytest
from pypdf import PdfReader

from conclusions.stats.report.figures import build_yearly_report
from conclusions.stats.report.writers import YearlyReportPdf
from conclusions.stats.report.writers import render as render_report
from petitions.models import Petition
from tests.reports.conftest import docx_text, pdf_text
from tests.stats.conftest import TODAY

pytestmark = pytest.mark.django_db


def _render(world, fmt, **kwargs):
    report = build_yearly_report(unit=world.district, year=2024, today=TODAY, **kwargs)
    data, content_type = render_report(report, fmt)
    return report, data, content_type


def test_the_pdf_is_in_the_official_format_of_the_notice(world):
    _report, data, content_type = _render(world, "pdf")
    assert content_type == "application/pdf"
    text = pdf_text(data)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "HUYỆN MỘT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/BC-UBND",
        "BÁO CÁO",
        "Kết quả đối thoại và giải quyết kiến nghị của thanh niên năm 2024",
        "I. KẾT QUẢ TỔ CHỨC ĐỐI THOẠI",
        "IV. NHỮNG NỘI DUNG CHUYỂN TIẾP SANG NĂM SAU",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Văn Chủ",
        "DỰ THẢO",
    ):
        assert expected in text, expected
    reader = PdfReader(io.BytesIO(data))
    fonts = {
        str(font.get_object()["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Liberation-Serif" in font for font in fonts), fonts
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait


def test_a_numbered_and_dated_report_is_final(world):
    _report, data, _ = _render(world, "pdf", number=215, report_date=date(2025, 1, 5))
    text = pdf_text(data)
    assert "215/BC-UBND" in text
    assert "Một, ngày 05 tháng 01 năm 2025" in text
    assert "DỰ THẢO" not in text


def test_pages_after_the_first_are_numbered(world):
    from tests.stats.conftest import add_answered_petitions

    add_answered_petitions(world, 3)
    for n in range(25):  # enough agencies to run the report over two pages
        from tests.factories import AgencyFactory
        from tests.stats.conftest import assign

        agency = AgencyFactory(name=f"Cơ quan số {n}", short_name=f"Cơ quan số {n}", unit=world.district)
        petition = Petition.objects.create(
            conference=world.conference, number=500 + n, content="Hỏi?", submitting_unit="Đoàn xã"
        )
        assign(petition, agency, assigned=date(2024, 3, 4), due=date(2024, 3, 15))
    _report, data, _ = _render(world, "pdf", number=3, report_date=date(2024, 12, 20))
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
        # Decree 30/2020: numbers centred in the top margin (above 20 mm), none on the first page.
        in_margin = [[w["text"] for w in page.extract_words() if w["bottom"] < 20 * 72 / 25.4] for page in pdf.pages]
    assert in_margin[0] == []
    assert in_margin[1:] == [[str(n)] for n in range(2, len(in_margin) + 1)]


def test_the_docx_carries_the_same_parts_and_tables(world):
    _report, data, content_type = _render(world, "docx")
    assert content_type.endswith("wordprocessingml.document")
    text = docx_text(data)
    for expected in (
        "BÁO CÁO",
        "Kết quả đối thoại và giải quyết kiến nghị của thanh niên năm 2024",
        "II. KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT Ý KIẾN, KIẾN NGHỊ CỦA THANH NIÊN",
        "Phòng Nông nghiệp",
        "Nơi nhận:",
        "CHỦ TỊCH",
    ):
        assert expected in text, expected


def test_user_text_is_escaped_and_private_fields_stay_out(world):
    world.agency_a.short_name = "<b>Phòng</b> & Co"
    world.agency_a.save()
    Petition.objects.filter(conference=world.conference).update(
        submitter_name="Nguyễn Bí Mật", submitter_contact="0912 345 678"
    )
    report, pdf, _ = _render(world, "pdf")
    html = YearlyReportPdf(report).html()
    assert "&lt;b&gt;Phòng&lt;/b&gt; &amp; Co" in html
    _, docx, _ = _render(world, "docx")
    for text in (pdf_text(pdf), docx_text(docx), html):
        assert "Nguyễn Bí Mật" not in text and "0912 345 678" not in text
    assert "<b>Phòng</b> & Co" in docx_text(docx)


def test_the_report_renders_for_the_demo_data(demo):
    unit = demo["trang-dinh-2024"].organising_unit
    report = build_yearly_report(unit=unit, year=2024, today=date(2024, 12, 20))
    text = pdf_text(render_report(report, "pdf")[0])
    assert "HUYỆN TRÀNG ĐỊNH" in text
    assert "tiếp nhận: 14" in text
    assert "1428/TB-UBND" in text
