"""The notice's small markup is read one way: bold and italic runs, footnotes numbered through the document, simple
tables; anything else (HTML included) stays the text it was typed as."""

from conclusions.notices.documents.rich import blocks_html
from conclusions.notices.markup import Notes, inline, parse


def _styles(runs):
    return [(r.text, r.bold, r.italic) for r in runs]


def test_bold_italic_and_both_are_read_from_asterisks_as_seed_004_writes_them():
    runs = inline("là: **“xây dựng tỉnh Hà Nam”** và *“Thanh niên tình nguyện”*, ***“Tăng cường”***.")
    assert _styles(runs) == [
        ("là: ", False, False),
        ("“xây dựng tỉnh Hà Nam”", True, False),
        (" và ", False, False),
        ("“Thanh niên tình nguyện”", False, True),
        (", ", False, False),
        ("“Tăng cường”", True, True),
        (".", False, False),
    ]


def test_an_asterisk_that_opens_nothing_and_an_escaped_one_stay_text():
    assert _styles(inline("5*3 = 15, a * b, \\*không nghiêng\\* và **chưa đóng")) == [
        ("5*3 = 15, a * b, *không nghiêng* và **chưa đóng", False, False)
    ]


def test_footnotes_are_numbered_through_the_document_and_their_definitions_leave_the_text():
    notes = Notes()
    first = parse("Đề án hướng nghiệp[^a].\n[^a]: Quyết định số 522/QĐ-TTg ngày 14/5/2018.", notes=notes)
    second = parse(
        "Cho vay vốn[^1] và việc làm[^2].\n[^1]: Nghị định số 61/2015/NĐ-CP.\n[^2]: Kế hoạch số 161.", notes=notes
    )
    assert [b.text for b in first] == ["Đề án hướng nghiệp."]
    calls = [r.note.number for b in (*first, *second) for r in b.runs if r.note]
    assert calls == [1, 2, 3]
    assert [n.text for n in notes.items] == [
        "Quyết định số 522/QĐ-TTg ngày 14/5/2018.",
        "Nghị định số 61/2015/NĐ-CP.",
        "Kế hoạch số 161.",
    ]


def test_a_pipe_table_with_a_rule_line_has_a_header_row_and_styled_cells():
    (table,) = parse("| TT | Nội dung |\n|---|:---:|\n| 1 | **Nghị quyết** số 08/2019/NQ-HĐND |")
    assert table.kind == "table" and table.table.header
    header, row = table.table.rows
    assert [r.text for cell in header for r in cell] == ["TT", "Nội dung"]
    assert _styles(row[1]) == [("Nghị quyết", True, False), (" số 08/2019/NQ-HĐND", False, False)]


def test_line_structure_is_the_one_reader_s_numbered_headings_points_and_dashes():
    blocks = parse("2.4. Sở Nội vụ\na) Theo dõi, đôn đốc;\n- Tổng hợp, **báo cáo**.")
    assert [(b.kind, b.lead, b.text) for b in blocks] == [
        ("sub", "2.4.", "Sở Nội vụ"),
        ("point", "a)", "Theo dõi, đôn đốc;"),
        ("dash", "", "Tổng hợp, báo cáo."),
    ]


def test_html_typed_in_a_section_is_escaped_and_only_our_tags_are_written():
    html = str(blocks_html(parse('**<script>alert(1)</script>** <img src="file:///etc/passwd"> *<b>x</b>*')))
    assert "<script>" not in html and "<img" not in html and "<b>x</b>" not in html
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>" in html
    assert "<i>&lt;b&gt;x&lt;/b&gt;</i>" in html
