"""Issue 16 in Chromium (items 1, 8, 12): a double click on "Lưu" logs one petition with the button disabled while
sending; an uploaded list shows its reading progress until the worker is done and the page moves to the preview on
its own; and no page the Youth Union opens reports a Content-Security-Policy violation."""

import pytest
from django.urls import reverse

from dialogue_portal.celery import app
from petitions.models import ImportBatch, ImportBatchStatus, Petition
from petitions.services import intake
from tests.conftest import screenshot

from .conftest import xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queued_only():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    sent = []
    original = intake.read_import.apply_async
    intake.read_import.apply_async = lambda args=None, kwargs=None, **options: sent.append(args)
    yield sent
    intake.read_import.apply_async = original
    app.conf.task_always_eager = previous


def test_a_double_click_logs_once_and_a_list_is_read_in_the_background(page, login, collecting, tmp_path, queued_only):
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    login("doan_trangdinh")

    # Item 8: a double click on "Lưu" sends the form once; the second send would be refused anyway.
    page.goto(reverse("petitions:create", args=[collecting.slug]))
    page.fill("textarea[name=content]", "Đề nghị hỗ trợ vốn vay cho thanh niên khởi nghiệp trồng cây hồi?")
    page.select_option("select[name=bridge_point]", label="Xã Tân Minh – Tràng Định")
    page.fill("input[name=submitting_unit]", "Bí thư Đoàn xã Tân Minh")
    save = page.get_by_role("button", name="Lưu", exact=True)
    save.dblclick()
    page.wait_for_url("**/kien-nghi/*/")
    assert Petition.objects.filter(conference=collecting).count() == 1

    # Item 1: the upload returns at once; the page shows the reading until the worker is done, then the preview.
    rows = [[1, "Đề nghị mở lớp đào tạo nghề sửa chữa máy nông nghiệp", "Đoàn xã Đội Cấn", "", "Xã Đội Cấn"]]
    listing = tmp_path / "danh-sach.xlsx"
    listing.write_bytes(xlsx(rows))
    page.goto(reverse("petitions:import_upload", args=[collecting.slug]))
    page.set_input_files("input[name=file]", str(listing))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.wait_for_url("**/nhap-excel/*/")
    assert page.get_by_text("Đang đọc và kiểm tra “danh-sach.xlsx”").is_visible()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatchStatus.READING and queued_only == [(batch.pk,)]
    screenshot(page, "import-reading-progress")
    intake.import_read(batch.pk)  # what the worker does
    page.wait_for_selector("#count-good")
    assert page.locator("#count-good").inner_text() == "1 dòng hợp lệ"

    # Item 12: pages with forms, scripts and progress bars ran under the policy without a violation.
    page.goto(reverse("petitions:list", args=[collecting.slug]))
    assert violations == []
