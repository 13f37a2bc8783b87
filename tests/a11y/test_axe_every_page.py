"""Issue 15, accessible to everyone (Circular 26/2020/TT-BTTTT): axe-core, injected by Playwright, finds no serious or
critical WCAG 2.1 A/AA violation on any page type of any role, on the public pages in Vietnamese and in English, nor
on forms sent with mistakes. One test per language (they run side by side under xdist) shares the demo; each role
signs in once and walks its pages.
The fixed pages are photographed at 1366 px and 390 px (test-artifacts/a11y-*.png)."""

import pytest
from django.urls import reverse

from tests.conftest import screenshot

from .axe import audit, blocking, report
from .conftest import DESKTOP, PHONE, sign_in
from .pages import ROLES, pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def walk(open_page, world, password, language: str) -> list:
    """Each role signs in once and walks all its pages."""
    found = []
    plan = pages(world)
    for role in ROLES:
        page = open_page(language)
        if role != "anon":
            sign_in(page, role, password)
        for url in plan[role]:
            page.goto(url)
            found += audit(page, label=f"{role} {language} {url}")
        page.context.close()
    return found


def mistakes(open_page, world, password) -> list:
    """The error state of the public question form, the sign-in form and the staff petition form."""
    found = []
    anonymous = open_page("vi")
    anonymous.goto(reverse("public:question_send", args=[world.collecting.slug]))
    anonymous.get_by_role("button", name="Gửi câu hỏi").click()
    anonymous.wait_for_selector("[data-error-summary]")
    found += audit(anonymous, label="anon question form with errors")
    anonymous.goto(reverse("login"))
    anonymous.fill("input[name=username]", "doan_tinh")
    anonymous.fill("input[name=password]", "sai-mat-khau")
    anonymous.locator("main button[type=submit]").click()
    found += audit(anonymous, label="anon login with a wrong password")
    staff = open_page("vi")
    sign_in(staff, "doan_tinh", password)
    staff.goto(reverse("petitions:create", args=[world.collecting.slug]))
    staff.get_by_role("button", name="Lưu", exact=True).click()
    staff.wait_for_selector("[data-error-summary]")
    found += audit(staff, label="doan_tinh petition form with errors")
    return found


def test_every_page_of_every_role_and_every_form_with_mistakes_passes_axe_in_vietnamese(
    open_page, world, demo_password
):
    found = walk(open_page, world, demo_password, "vi") + mistakes(open_page, world, demo_password)
    assert not blocking(found), "axe-core, serious or critical:\n" + report(blocking(found))


def test_every_page_of_every_role_passes_axe_in_english_and_the_fixed_pages_are_photographed(
    open_page, world, demo_password
):
    found = walk(open_page, world, demo_password, "en")
    assert not blocking(found), "axe-core, serious or critical:\n" + report(blocking(found))
    # The pages fixed for contrast, looked at on a desktop and on a phone (and checked again at both widths).
    for role, url, name in (
        ("lanhdao", reverse("conclusions:stats_overview"), "stats"),
        ("noivu_trangdinh", reverse("petitions:answer_diff", args=[world.published_answer_pk]), "answer-diff"),
        ("doan_trangdinh", reverse("live:operator", args=[world.collecting.slug]), "live-operator"),
        ("noivu_tinh", reverse("conferences:detail", args=[world.collecting.slug]), "conference"),
    ):
        page = open_page("vi")
        sign_in(page, role, demo_password)
        for size, label in ((DESKTOP, "1366"), (PHONE, "390")):
            page.set_viewport_size(size)
            page.goto(url)
            screenshot(page, f"a11y-{name}-{label}")
            assert not blocking(audit(page)), f"{url} at {label} px: " + report(blocking(audit(page)))
        page.context.close()
