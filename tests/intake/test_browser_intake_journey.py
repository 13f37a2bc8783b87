"""The district Youth Union's day in Chromium: log a two-part petition, import a list with one bad row (see the
error, fix it, import), find a petition without accents, and never see another district's petitions."""

import pytest
from django.urls import reverse

from petitions.models import Petition
from tests.conftest import screenshot
from tests.factories import PetitionFactory

from .conftest import site_of, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_district_youth_union_logs_imports_searches_and_stays_in_its_district(page, login, collecting, tmp_path):
    cao_loc = PetitionFactory(
        conference=collecting,
        number=1,
        bridge_point=site_of(collecting, "Hợp Thành", "Cao Lộc"),
        submitting_unit="Đoàn xã Hợp Thành",
        content="Đề nghị hỗ trợ thanh niên Cao Lộc khởi nghiệp trồng hoa đào",
    )
    login("doan_trangdinh")

    # 1. Log a two-part petition from the conference's list.
    page.goto(reverse("petitions:list", args=[collecting.slug]))
    page.get_by_role("link", name="Ghi kiến nghị").click()
    page.fill("textarea[name=content]", "Thanh niên xã Tân Minh muốn khởi nghiệp từ cây hồi: được hỗ trợ vốn thế nào?")
    page.select_option("select[name=bridge_point]", label="Xã Tân Minh – Tràng Định")
    page.select_option("select[name=issue_group]", label="Giải pháp, cơ chế hỗ trợ vốn")
    page.fill("input[name=submitting_unit]", "Bí thư Đoàn xã Tân Minh")
    page.get_by_role("button", name="Thêm câu hỏi thành phần").click()
    page.locator("#parts textarea").nth(0).fill("Mức vay tối đa cho một dự án là bao nhiêu?")
    page.get_by_role("button", name="Thêm câu hỏi thành phần").click()
    page.locator("#parts textarea").nth(1).fill("Thủ tục vay gồm những giấy tờ gì?")
    screenshot(page, "intake-petition-form")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url("**/kien-nghi/*/")
    assert page.locator("#petition-parts li").all_inner_texts() == [
        "Mức vay tối đa cho một dự án là bao nhiêu?",
        "Thủ tục vay gồm những giấy tờ gì?",
    ]
    screenshot(page, "intake-petition-detail")

    # 2. Download the template, fill it with one bad row, see the error, fix the file, import.
    page.goto(reverse("petitions:import_upload", args=[collecting.slug]))
    with page.expect_download() as download:
        page.click("#template-link")
    assert download.value.suggested_filename.endswith(".xlsx")
    rows = [
        [1, "Đề nghị mở lớp đào tạo nghề sửa chữa máy nông nghiệp", "Đoàn xã Đội Cấn", "Đào tạo nghề", "Xã Đội Cấn"],
        [2, "Đề nghị xây dựng sân bóng cho thanh niên thôn Nà Pàn", "Chi đoàn thôn Nà Pàn", "", "Xã Không Có"],
    ]
    bad = tmp_path / "danh-sach.xlsx"
    bad.write_bytes(xlsx(rows))
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.wait_for_url("**/nhap-excel/*/")
    assert page.locator("#row-3").get_by_text("Không tìm thấy điểm cầu “Xã Không Có”.").is_visible()
    assert page.locator("#count-good").inner_text() == "1 dòng hợp lệ"
    screenshot(page, "intake-import-preview-error")
    rows[1][4] = "Tân Minh"
    bad.write_bytes(xlsx(rows))
    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.wait_for_url("**/nhap-excel/*/")
    assert page.locator("#count-errors").inner_text() == "0 dòng có lỗi"
    page.get_by_role("button", name="Nhập 2 dòng hợp lệ").click()
    page.wait_for_url(f"**{reverse('petitions:list', args=[collecting.slug])}")
    assert page.get_by_text("Đã nhập 2 kiến nghị (số 3–4).").is_visible()
    screenshot(page, "intake-list-after-import")

    # 3. Find the petition without accents.
    page.fill("input[name=q]", "khoi nghiep cay hoi")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    rows_found = page.locator("#petition-table tbody tr:not(.petition-group-row)")
    assert rows_found.count() == 1
    assert "khởi nghiệp từ cây hồi" in rows_found.first.inner_text()
    screenshot(page, "intake-search-unaccented")

    # 4. Another district's petition is neither listed nor reachable.
    page.fill("input[name=q]", "khoi nghiep")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    assert "Cao Lộc" not in page.locator("#petition-table").inner_text()
    response = page.goto(cao_loc.get_absolute_url())
    assert response.status == 404
    assert Petition.objects.filter(conference=collecting).count() == 4
