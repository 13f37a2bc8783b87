"""With JavaScript off the day still works, more slowly: the operator posts, the console puts the question on air
and records it answered (the outcome forms open without script), and a reloaded projector shows what is on air."""

import pytest
from playwright.sync_api import expect

from petitions.live.services.sessions import projector_link_issue, session_start
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Thanh niên xã muốn học lái máy nông nghiệp thì đăng ký ở đâu?"


def _page(live_page, width, username=None, password=None):
    page = live_page(width, javascript=False)
    if username:
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def test_the_day_works_without_javascript(live_page, demo, demo_password, django_user_model):
    conference = demo["lang-son-2024"]
    moderator = django_user_model.objects.get(username="doan_tinh")
    session_start(conference=conference, actor=moderator)
    token = projector_link_issue(conference=conference, actor=moderator).projector_token

    operator = _page(live_page, 390, "doan_tanminh", demo_password)
    operator.goto("/truc-tiep/lang-son-2024/diem-cau/")
    operator.fill("textarea[name=content]", QUESTION)
    operator.fill("input[name=unit]", "Đoàn xã Tân Minh")
    operator.get_by_role("button", name="Gửi câu hỏi lên bàn điều hành").click()
    expect(operator.locator("#live-mine")).to_contain_text(QUESTION)

    console = _page(live_page, 1366, "doan_tinh", demo_password)
    console.goto("/truc-tiep/lang-son-2024/dieu-hanh/")
    console.locator("#live-region tr", has_text=QUESTION).get_by_role("button", name="Lên sóng").click()
    expect(console.locator("#live-onair-card")).to_contain_text(QUESTION)

    screen = _page(live_page, 1920)
    screen.goto(f"/truc-tiep/lang-son-2024/man-hinh/?t={token}")
    expect(screen.locator("#live-screen-onair")).to_contain_text(QUESTION)
    expect(screen.locator("#live-screen-onair")).to_contain_text("Xã Tân Minh")

    console.locator("#live-onair-card summary", has_text="Đã trả lời tại chỗ").click()
    console.fill("textarea[name=summary]", "Đăng ký tại Trung tâm dịch vụ việc làm tỉnh.")
    console.get_by_role("button", name="Ghi nhận: đã trả lời").click()
    expect(console.get_by_role("alert").filter(has_text="đã trả lời tại chỗ")).to_be_visible()

    operator.get_by_role("link", name="Làm mới").click()
    expect(operator.locator("#live-mine li", has_text=QUESTION)).to_contain_text("Đã trả lời tại chỗ")
    screen.get_by_role("link", name="Làm mới").click()
    expect(screen.locator("[data-live-count=answered]")).to_have_text("1")
    screenshot(console, "live-console-no-js-1366")
