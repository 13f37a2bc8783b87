"""Answer text is plain text with line structure: escaped first, then structured; never raw HTML."""

from petitions.answer_text import excerpt, parse, render

SEED_003 = """         * Giải pháp nào để thúc đẩy thanh niên ứng dụng khoa học: Tăng cường công tác lãnh đạo.
Tăng cường công tác đào tạo đội ngũ cán bộ.

* Vai trò của các cơ quan, tổ chức

 - Tham gia đào tạo trình độ sơ cấp;

- Đào tạo nghề dưới 03 tháng.
Đoạn kết."""


def test_paragraphs_bullets_and_starred_headings_follow_seed_003():
    kinds = [block.kind for block in parse(SEED_003)]
    assert kinds == ["star", "paragraph", "star", "bullets", "paragraph"]
    html = render(SEED_003)
    assert '<p class="answer-star"><strong>* Giải pháp nào để thúc đẩy thanh niên ứng dụng khoa học:</strong>' in html
    assert '<p class="answer-star"><strong>* Vai trò của các cơ quan, tổ chức</strong></p>' in html
    assert "<li>Tham gia đào tạo trình độ sơ cấp;</li><li>Đào tạo nghề dưới 03 tháng.</li>" in html


def test_html_typed_by_an_officer_is_shown_as_text():
    html = render('<script>alert("x")</script>\n- <img src=x onerror=alert(1)>\n* <b>Đề mục</b>: nội dung')
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_excerpt_flattens_lines_and_cuts_long_text():
    assert excerpt("Dòng một\n\n- dòng hai", 100) == "Dòng một - dòng hai"
    assert excerpt("x" * 200, 10) == "x" * 9 + "…"
