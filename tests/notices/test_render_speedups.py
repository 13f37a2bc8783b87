"""The render speedups change how fast a notice is laid out, never a byte of it."""

import gc

import pytest

from conclusions.notices.documents import speedups
from conclusions.notices.documents.parallel import html_to_pdf

pytestmark = pytest.mark.django_db

# Lines out of the ordinary, each on the path WeasyPrint's own drawing must still take, beside ordinary ones: a word
# wider than its cell, kept line breaks, letter and word spacing, justified text, underlines, an ellipsis,
# decomposed Vietnamese marks (Pango raises and shifts them), a character no bundled face has, bold and italic runs
# inside one line, and a table header repeated on every page.
HARD_CASES = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<link rel="stylesheet" href="asset:css/notice.css">
<style>
td { border: 0.5pt solid #000; padding: 2pt; vertical-align: top; }
.narrow { width: 20mm; }
.pre { white-space: pre-line; }
.spaced { letter-spacing: 1.5pt; word-spacing: 4pt; }
.cut { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; width: 40mm; }
thead { display: table-header-group; }
</style></head><body>
<table><thead><tr><th>TT</th><th>Nội dung</th></tr></thead><tbody>
%(rows)s
</tbody></table>
<p class="pre">Dòng một
dòng hai giữ nguyên
dòng ba</p>
<p class="spaced">Chữ giãn cách và từ giãn cách trong một đoạn văn bản đủ dài để xuống dòng hai lần trên trang giấy.</p>
<p><u>Gạch chân</u> và <s>gạch ngang</s>, <b>đậm <i>nghiêng đậm</i></b> rồi <i>nghiêng</i> trong cùng một dòng.</p>
<p class="cut">Một dòng quá dài bị cắt bằng dấu ba chấm ở cuối ô cho vừa khung</p>
<p>Tie\u0302\u0301ng Vie\u0323\u0302t to\u0302\u0309 ho\u031b\u0323p da\u0302\u0301u và chữ lạ 漢字 ☃ giữa câu.</p>
</body></html>"""
ROW = (
    "<tr><td class='narrow'>%(n)d<br>KhôngCóChỗNgắtDòngNàoTrongTừNày</td>"
    "<td><p>Kiến nghị về hỗ trợ vốn vay cho thanh niên khởi nghiệp, "
    "Nghị quyết số 08/2019/NQ-HĐND và Quyết định 3188/QĐ-UBND; "
    "từ-rất-dài-có-gạch-nối-vượt-quá-bề-rộng-của-ô-bảng-này và "
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001234.</p>"
    "<p style='text-align: justify'>Trả lời: đoạn văn căn đều hai bên, đủ dài để chia thành nhiều dòng "
    "với khoảng cách giữa các từ được giãn ra cho thẳng lề phải của ô.</p></td></tr>"
)


def _both_ways(html: str) -> tuple[bytes, bytes]:
    assert speedups.install()
    try:
        fast = html_to_pdf(html)
        speedups.uninstall()
        plain = html_to_pdf(html)
    finally:
        speedups.install()
    return fast, plain


def test_speedups_are_installed_for_the_pinned_weasyprint():
    assert speedups.supported()
    assert speedups.install()


def test_every_demo_document_is_the_same_file_with_and_without_speedups(demo_files):
    assert len(demo_files.layout_htmls) >= 5  # three notices (one with its appendix), the yearly report
    for name, html in demo_files.layout_htmls.items():
        fast, plain = _both_ways(html)
        assert fast == plain, name


def test_lines_out_of_the_ordinary_are_the_same_file_with_and_without_speedups():
    html = HARD_CASES % {"rows": "".join(ROW % {"n": n} for n in range(1, 30))}
    fast, plain = _both_ways(html)
    assert fast == plain


def test_ordinary_lines_are_drawn_by_the_fast_path_and_out_of_the_ordinary_ones_by_weasyprint(monkeypatch):
    drawn_by_weasyprint = []
    original = speedups._originals["draw_first_line"]

    def counting(stream, textbox, *args):
        drawn_by_weasyprint.append(textbox.text)
        return original(stream, textbox, *args)

    monkeypatch.setitem(speedups._originals, "draw_first_line", counting)
    html_to_pdf(HARD_CASES % {"rows": ROW % {"n": 1}})
    # The ellipsis and the decomposed marks go to WeasyPrint; the table, headers and paragraphs do not.
    assert any("ba chấm" in text for text in drawn_by_weasyprint)
    assert any("\u0302" in text for text in drawn_by_weasyprint)
    assert not any("Kiến nghị" in text or "Trả lời" in text or "Nội dung" in text for text in drawn_by_weasyprint)


def test_the_collector_runs_again_after_a_render_even_a_failed_one():
    assert gc.isenabled()
    with speedups.collector_paused():
        with speedups.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), speedups.collector_paused():
        raise ValueError
    assert gc.isenabled()
