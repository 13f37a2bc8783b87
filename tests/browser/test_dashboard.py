import pytest

from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_youth_union_user_logs_in_and_sees_the_dashboard_in_vietnamese(page, login, demo):
    login("doan_trangdinh")
    assert page.locator("h1").inner_text() == "Tổng quan"
    assert page.locator("main").get_by_text("Huyện đoàn Tràng Định").is_visible()
    assert page.get_by_role("link", name="Hội nghị đối thoại giữa Chủ tịch UBND huyện Tràng Định").is_visible()
    screenshot(page, "dashboard-doan-trangdinh")
