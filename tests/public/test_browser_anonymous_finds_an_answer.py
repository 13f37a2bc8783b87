"""Done-when of issue 7: an anonymous visitor finds a Tràng Định 2024 answer by an unaccented search and downloads
the issued notice PDF; on a phone with JavaScript switched off the same journey works."""

import hashlib
from pathlib import Path

import pytest

from conclusions.signing.copies import official_copy
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_visitor_finds_an_answer_without_accents_and_downloads_the_notice_pdf(page, demo):
    notice = demo["trang-dinh-2024"].notices.get(state="issued")
    # "/" leads an anonymous visitor straight to the public results (issue 15; it used to be the login page, with a
    # "Kết quả công khai" link to click), which offer the staff login.
    page.goto("/")
    assert page.url.endswith("/cong-khai/")
    assert page.get_by_role("link", name="Cán bộ đăng nhập").is_visible()
    page.get_by_role(
        "link", name="Hội nghị đối thoại giữa Chủ tịch UBND huyện Tràng Định với thanh niên năm 2024"
    ).click()
    screenshot(page, "public-conference-trang-dinh")

    page.fill("input[name=q]", "tram den")
    page.get_by_role("button", name="Tìm").click()
    assert "q=tram+den" in page.url
    assert page.get_by_text("1 kiến nghị phù hợp với điều kiện tìm kiếm").is_visible()
    petition = page.locator("article.public-petition")
    assert petition.count() == 1
    assert "trám đen ướp muối" in petition.inner_text()
    assert petition.get_by_text("Sản phẩm trám đen ướp muối đã được công nhận sản phẩm OCOP đạt 3 sao").is_visible()
    screenshot(page, "public-search-tram-den")

    petition.get_by_role("link", name="Liên kết").click()
    assert page.url.endswith("/cong-khai/trang-dinh-2024/kien-nghi/3/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải thông báo (PDF)").first.click()
    download = info.value
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    assert download.suggested_filename.endswith(".pdf") and "1428-TB-UBND" in download.suggested_filename
    # the official copy: the frozen PDF (its hash recorded at issue) with the demo seal's signature appended
    assert hashlib.sha256(data).hexdigest() == official_copy(notice).sha256
    assert hashlib.sha256(data[: notice.pdf.size]).hexdigest() == notice.pdf_sha256


def test_on_a_phone_without_javascript_the_search_works_and_fits_the_screen(browser, live_server, demo):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        java_script_enabled=False,
        locale="vi-VN",
        is_mobile=True,
    )
    phone = context.new_page()
    try:
        phone.goto("/cong-khai/trang-dinh-2024/")
        phone.fill("input[name=q]", "cam duong")
        phone.get_by_role("button", name="Tìm").click()
        assert phone.locator("article.public-petition").count() == 1
        # A search opens the answers it found (a <details> element: no script needed to open or close it).
        assert phone.locator("details.public-answer-box[open]").count() == 1
        assert phone.get_by_text("Đề nghị Đoàn xã Chí Minh làm rõ về diện tích").is_visible()
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(phone, "public-search-phone")
    finally:
        context.close()
