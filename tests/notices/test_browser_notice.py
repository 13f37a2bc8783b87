"""Home Affairs opens the conclusion notice of the demo conference, edits a task, downloads the PDF and issues it."""

import re

import pytest

from conclusions.models import ConclusionNotice, NoticeState
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_affairs_edits_downloads_and_issues_the_lang_son_notice(page, login, demo, settings):
    settings.DOCUMENT_RENDER_WORKERS = 1
    login("noivu_tinh")
    page.goto(demo["lang-son-2023"].get_absolute_url())
    page.get_by_role("link", name="Mở thông báo").click()
    page.wait_for_url(re.compile(r"/ket-luan/thong-bao/\d+/$"))
    assert page.locator("#notice-state").inner_text() == "Dự thảo"
    screenshot(page, "notice-detail-draft-lang-son")

    # Add a task with a working-day deadline to part 2.
    page.locator(".notice-section").nth(1).get_by_role("link", name="Thêm nhiệm vụ cho cơ quan").click()
    page.select_option("select[name=agency]", label="Sở Giáo dục và Đào tạo")
    page.fill("input[name=heading]", "Sở Giáo dục và Đào tạo")
    page.fill("textarea[name=text]", "Chủ trì tổ chức tư vấn hướng nghiệp cho học sinh trung học phổ thông.")
    page.select_option("select[name=deadline_kind]", value="working_days")
    page.fill("input[name=deadline_days]", "30")
    screenshot(page, "notice-directive-form")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu nhiệm vụ.").is_visible()
    assert page.get_by_text("Thời gian thực hiện chậm nhất sau 30 ngày làm việc").is_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    assert download.value.suggested_filename == "du-thao-thong-bao-lang-son-2023-r1.pdf"

    page.get_by_role("link", name="Ban hành").click()
    page.fill("input[name=issue_date]", "05/04/2023")
    page.check("input[name=confirm]")
    screenshot(page, "notice-issue-form")
    page.get_by_role("button", name="Cấp số và ban hành").click()
    assert page.get_by_text("Đã ban hành Thông báo số 1/TB-UBND").is_visible()
    screenshot(page, "notice-detail-issued-lang-son")
    notice = ConclusionNotice.objects.get(conference=demo["lang-son-2023"], revision=1)
    assert notice.state == NoticeState.ISSUED and notice.pdf_sha256
    assert page.get_by_role("button", name="Tạo bản sửa đổi").is_visible()
