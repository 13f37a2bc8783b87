"""Home Affairs gives a part of the notice bold words and a footnote, prints the appendix as one flat table with
seed 003's reference wording, and issues the notice with the number and date the records clerk's register gave."""

import re

import pytest

from conclusions.models import ConclusionNotice, NumberSource
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_affairs_marks_up_a_part_sets_the_appendix_and_issues_with_the_clerks_number(page, login, demo, settings):
    settings.DOCUMENT_RENDER_WORKERS = 1
    login("noivu_tinh")
    page.goto(demo["lang-son-2023"].get_absolute_url())
    page.get_by_role("link", name="Mở thông báo").click()
    page.wait_for_url(re.compile(r"/ket-luan/thong-bao/\d+/$"))

    page.locator(".notice-section").first.get_by_role("link", name="Sửa phần").click()
    body = page.locator("textarea[name=body]")
    body.fill(
        body.input_value()
        + "\nThanh niên cần **chủ động học tập** theo *Đề án hỗ trợ khởi nghiệp*[^1].\n"
        + "[^1]: Quyết định số 1665/QĐ-TTg ngày 30/10/2017 của Thủ tướng Chính phủ."
    )
    page.get_by_role("button", name="Lưu").click()
    section = page.locator(".notice-section").first
    assert section.locator("b", has_text="chủ động học tập").is_visible()
    assert section.locator("i", has_text="Đề án hỗ trợ khởi nghiệp").is_visible()
    assert page.locator("#chu-thich li", has_text="Quyết định số 1665/QĐ-TTg").is_visible()
    screenshot(page, "notice-detail-markup-and-appendix-options")

    page.locator("#appendix-options").get_by_role("link", name="Sửa phụ lục").click()
    page.uncheck("input[name=grouped]")
    page.select_option("select[name=order]", value="number")
    page.check("input[name=reference_wording][value=issued_with]")
    page.fill("input[name=reference_issuer]", "UBND tỉnh")
    screenshot(page, "notice-appendix-form")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu phụ lục.").is_visible()
    assert page.locator("#appendix-options").get_by_text("một bảng liền").is_visible()

    page.get_by_role("link", name="Ban hành").click()
    assert page.locator("#next-number").inner_text().startswith("Số tiếp theo của sổ trên cổng: 1/TB-UBND")
    page.check("input[name=numbering][value=clerk]")
    page.fill("input[name=register_number]", "215")
    page.fill("input[name=issue_date]", "05/04/2023")
    page.check("input[name=confirm]")
    screenshot(page, "notice-issue-with-clerk-number")
    page.get_by_role("button", name="Cấp số và ban hành").click()
    assert page.get_by_text("Đã ban hành Thông báo số 215/TB-UBND").is_visible()
    notice = ConclusionNotice.objects.get(conference=demo["lang-son-2023"], revision=1)
    assert (notice.number, notice.number_source, notice.issue_date.isoformat()) == (
        215,
        NumberSource.CLERK,
        "2023-04-05",
    )
    screenshot(page, "notice-detail-issued-with-clerk-number")
