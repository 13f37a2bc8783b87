"""Issue 15 without a mouse: a Youth Union officer logs a petition with the keyboard only (Tab, typing, arrows,
Enter), a form sent with mistakes says where they are and takes the cursor there, and the moderator runs the
dialogue day's console ("Lên sóng", then an outcome) by keyboard. At every stop the focus must be visible."""

import uuid
from datetime import date

import pytest
from playwright.sync_api import expect

from conferences.models import AgencyKind, BridgePointKind, ConferenceStatus, Role, UnitKind
from petitions.live.models import EntryState, LiveEntry
from petitions.live.services.queue import live_question_post
from petitions.live.services.sessions import session_start
from petitions.models import Petition
from tests.conftest import screenshot
from tests.factories import (
    PASSWORD,
    AgencyFactory,
    BridgePointFactory,
    ConferenceFactory,
    IssueGroupFactory,
    UnitFactory,
    make_user,
)

from .axe import audit, blocking, report
from .conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Xã Tân Minh chưa có điểm truy cập Internet công cộng, tỉnh có hỗ trợ không?"

# Where the focus is and whether a person can see it: an outline or a ring (box-shadow) drawn around the element.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== "none";
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name") || "",
          text: (el.innerText || el.value || "").trim().slice(0, 80), visible: outline || ring};
}"""


@pytest.fixture
def office():
    """A provincial conference collecting petitions, with one site and one issue group, its Youth Union officer;
    a second one on its dialogue day, with one question waiting in the console's queue."""
    province = UnitFactory(name="Lạng Sơn", kind=UnitKind.PROVINCE, tier=1)
    union = AgencyFactory(name="Tỉnh đoàn Lạng Sơn", kind=AgencyKind.YOUTH_UNION, unit=province)
    AgencyFactory(name="Sở Giáo dục và Đào tạo tỉnh Lạng Sơn", short_name="Sở Giáo dục và Đào tạo", unit=province)
    officer = make_user(Role.YOUTH_UNION, union, user__username="doan_ban_phim")
    collecting = ConferenceFactory(
        organising_unit=province, year=2026, planned_date=date(2026, 3, 26), status=ConferenceStatus.COLLECTING,
        slug="lang-son-2026",
    )  # fmt: skip
    BridgePointFactory(conference=collecting, unit=province, kind=BridgePointKind.PROVINCIAL, name="Tỉnh Lạng Sơn")
    IssueGroupFactory(conference=collecting, name="Việc làm", position=1)
    live = ConferenceFactory(
        organising_unit=province, year=2025, planned_date=date(2025, 3, 26), status=ConferenceStatus.ANSWERING,
        slug="lang-son-2025",
    )  # fmt: skip
    site = BridgePointFactory(conference=live, unit=province, kind=BridgePointKind.PROVINCIAL, name="Tỉnh Lạng Sơn")
    session_start(conference=live, actor=officer)
    live_question_post(
        conference=live, site=site, content=QUESTION, unit="Đoàn xã Tân Minh", actor=officer, client_key=uuid.uuid4()
    )
    return {"collecting": collecting, "live": live, "officer": officer}


def tab_to(page, matches, *, limit: int = 60, back: bool = False) -> dict:
    """Press Tab (Shift+Tab) until the focused element matches; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focus = page.evaluate(FOCUS)
        if focus is None:
            continue
        assert focus["visible"], f"the focus on {focus} cannot be seen"
        if matches(focus):
            return focus
    raise AssertionError("never reached by the Tab key")


def test_the_first_tab_stop_skips_to_the_main_content(open_page, office):
    page = open_page()
    sign_in(page, "doan_ban_phim", PASSWORD)
    page.goto("/")
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS)
    assert focus and focus["text"] == "Chuyển đến nội dung chính" and focus["visible"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"


def test_a_petition_form_sent_with_mistakes_links_each_to_its_field_and_is_then_sent_by_keyboard(open_page, office):
    page = open_page()
    sign_in(page, "doan_ban_phim", PASSWORD)
    page.goto(f"/kien-nghi/hoi-nghi/{office['collecting'].slug}/ghi-moi/")
    # The text box has the focus when the page opens; Enter in a one-line field sends the form, empty.
    assert page.evaluate("document.activeElement.name") == "content"
    tab_to(page, lambda f: f["name"] == "submitting_unit")
    page.keyboard.press("Enter")

    # The summary at the top has the focus and links to each field that is wrong; each field says why.
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links.first).to_have_text("Nội dung kiến nghị")
    for href in [links.nth(i).get_attribute("href") for i in range(links.count())]:
        field = page.locator(href)
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby").split()
        assert any(page.locator(f"#{i}.invalid-feedback").is_visible() for i in described), href
    screenshot(page, "a11y-petition-form-errors-1366")
    assert not blocking(audit(page)), report(blocking(audit(page)))

    # Tab to the first link, Enter: the cursor is in the text box; type, Tab to each field, choose with the arrows.
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Nội dung kiến nghị")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "content"
    page.keyboard.type("Đề nghị mở lớp dạy nghề điện dân dụng cho thanh niên xã vào mùa nông nhàn.")
    tab_to(page, lambda f: f["name"] == "bridge_point")
    page.keyboard.press("ArrowDown")
    tab_to(page, lambda f: f["name"] == "submitting_unit")
    page.keyboard.type("Đoàn xã Tân Minh")
    tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "save")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/ghi-moi/" not in url)
    petition = Petition.objects.get(conference=office["collecting"])
    assert petition.submitting_unit == "Đoàn xã Tân Minh" and petition.bridge_point.name == "Tỉnh Lạng Sơn"


def test_the_public_question_form_links_its_mistakes_to_the_fields_on_a_phone(open_page, office):
    page = open_page("vi", PHONE)
    page.goto(f"/cong-khai/{office['collecting'].slug}/gui-cau-hoi/")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    content = page.locator("#id_content")
    expect(content).to_have_attribute("aria-invalid", "true")
    assert "id_content_error" in content.get_attribute("aria-describedby").split()
    expect(page.locator("#id_content_error")).to_have_text("Hãy nhập nội dung câu hỏi.")
    expect(summary.get_by_role("link", name="Nội dung câu hỏi, kiến nghị")).to_have_attribute("href", "#id_content")
    screenshot(page, "a11y-question-form-errors-390")
    assert not blocking(audit(page)), report(blocking(audit(page)))


def test_the_moderator_puts_a_question_on_air_and_records_its_outcome_by_keyboard(open_page, office):
    page = open_page()
    slug = office["live"].slug
    sign_in(page, "doan_ban_phim", PASSWORD)
    page.goto(f"/truc-tiep/{slug}/dieu-hanh/")
    expect(page.locator("#live-region")).to_contain_text(QUESTION)

    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Lên sóng", limit=80)
    page.keyboard.press("Enter")
    expect(page.locator("#live-onair-card")).to_contain_text(QUESTION)
    assert not blocking(audit(page, open_details=False)), report(blocking(audit(page, open_details=False)))

    tab_to(page, lambda f: f["tag"] == "summary" and f["text"] == "Đã trả lời tại chỗ", limit=80)
    page.keyboard.press("Enter")  # opens the outcome's form
    tab_to(page, lambda f: f["name"] == "summary")
    page.keyboard.type("Tỉnh sẽ hỗ trợ xã lắp điểm truy cập Internet trong năm nay.")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Ghi nhận: đã trả lời")
    screenshot(page, "a11y-console-keyboard-1366")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert").filter(has_text="đã trả lời tại chỗ")).to_be_visible()
    assert LiveEntry.objects.get(content=QUESTION).state == EntryState.ANSWERED
