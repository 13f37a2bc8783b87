"""Issue 15 in Chromium: the pages fixed or added, looked at at 1366 px and 390 px (screenshots in test-artifacts/),
none wider than a 390 px phone, and the behaviours only a browser shows: the searchable agency list, the channel
label shown whole, the print stylesheet."""

from datetime import date

import pytest
from django.urls import reverse

from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.models import AgencyKind, BridgePointKind, ConferenceStatus, Role, UnitKind
from conferences.services import DEFAULT_ISSUE_GROUPS
from petitions.models import Channel
from petitions.services.answering import answer_save, assignment_create
from tests.conftest import screenshot
from tests.factories import (
    PASSWORD,
    AgencyFactory,
    BridgePointFactory,
    ConferenceFactory,
    IssueGroupFactory,
    PetitionFactory,
    SubQuestionFactory,
    UnitFactory,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
GROUPS = DEFAULT_ISSUE_GROUPS
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def office():
    """A province on the two-tier map with a collecting 2026 conference, a few petitions (long units, two parts),
    agencies old and new, and the people who work on it."""
    province = UnitFactory(name="Lạng Sơn", kind=UnitKind.PROVINCE, tier=1)
    district = UnitFactory(
        name="Tràng Định", kind=UnitKind.DISTRICT, tier=2, parent=province, valid_to=date(2025, 6, 30)
    )
    commune = UnitFactory(name="Thất Khê", kind=UnitKind.COMMUNE, tier=3, parent=province, valid_from=date(2025, 7, 1))
    conference = ConferenceFactory(
        organising_unit=province,
        year=2026,
        planned_date=date(2026, 3, 26),
        status=ConferenceStatus.COLLECTING,
        title="Hội nghị đối thoại giữa Chủ tịch UBND tỉnh Lạng Sơn với thanh niên năm 2026",
        slug="lang-son-2026",
    )
    site = BridgePointFactory(conference=conference, unit=commune, kind=BridgePointKind.COMMUNE, name="Xã Thất Khê")
    BridgePointFactory(conference=conference, unit=province, kind=BridgePointKind.PROVINCIAL, name="Tỉnh Lạng Sơn")
    # The issue groups of the seeds: long names, as offices write them.
    groups = [IssueGroupFactory(conference=conference, name=name, position=i) for i, name in enumerate(GROUPS, 1)]
    home_affairs = AgencyFactory(name="Sở Nội vụ tỉnh Lạng Sơn", short_name="Sở Nội vụ", unit=province)
    agencies = [
        AgencyFactory(name=name, short_name=short, unit=province)
        for name, short in (
            ("Sở Giáo dục và Đào tạo tỉnh Lạng Sơn", "Sở Giáo dục và Đào tạo"),
            ("Sở Tài chính tỉnh Lạng Sơn", "Sở Tài chính"),
            ("Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn", "Sở Nông nghiệp và Môi trường"),
            ("Chi nhánh Ngân hàng Chính sách xã hội tỉnh Lạng Sơn", "Chi nhánh NHCSXH tỉnh"),
        )
    ]
    union = AgencyFactory(name="Tỉnh đoàn Lạng Sơn", kind=AgencyKind.YOUTH_UNION, unit=province)
    old_union = AgencyFactory(
        name="Huyện đoàn Tràng Định", kind=AgencyKind.YOUTH_UNION, unit=district, valid_to=date(2025, 6, 30)
    )
    people = {
        "noivu": make_user(Role.HOME_AFFAIRS, home_affairs, user__username="noivu"),
        "doan": make_user(Role.YOUTH_UNION, union, user__username="doan"),
        "doan_cu": make_user(Role.YOUTH_UNION, old_union, user__username="doan_cu"),
        "canbo": make_user(Role.AGENCY_OFFICER, agencies[0], user__username="canbo"),
    }
    petitions = []
    for n in range(1, 7):
        petitions.append(
            PetitionFactory(
                conference=conference,
                number=n,
                bridge_point=site,
                issue_group=groups[n % 2],
                channel=Channel.MEDIA if n == 1 else Channel.FORM,
                submitting_unit="Ban Thường vụ Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Thất Khê, tỉnh Lạng Sơn",
                content=(
                    "Đề nghị tỉnh có cơ chế hỗ trợ vốn vay ưu đãi, đào tạo kỹ năng quản trị cho thanh niên khởi "
                    f"nghiệp ở vùng đặc biệt khó khăn (kiến nghị số {n})?"
                ),
            )
        )
    SubQuestionFactory(petition=petitions[0], position=1, content="Mức vay tối đa là bao nhiêu?")
    SubQuestionFactory(petition=petitions[0], position=2, content="Thời hạn vay bao lâu?")
    return {
        "conference": conference,
        "agencies": agencies,
        "people": people,
        "petitions": petitions,
        "groups": groups,
    }


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def look(page, url: str, name: str) -> None:
    """The page at 1366 px and at 390 px, photographed; at 390 px it must not be wider than the phone."""
    for size, label in ((DESKTOP, "1366"), (PHONE, "390")):
        page.set_viewport_size(size)
        page.goto(url)
        screenshot(page, f"issue15-{name}-{label}")
        if size is PHONE:
            assert page_width(page) <= PHONE["width"], f"{url} is {page_width(page)} px wide on a phone"
    page.set_viewport_size(DESKTOP)


def test_the_staff_pages_of_issue_15_fit_a_phone(page, office):
    sign_in(page, "noivu")
    slug = office["conference"].slug
    look(page, reverse("petitions:list", args=[slug]), "petition-list")
    look(page, reverse("conferences:groups", args=[slug]), "issue-groups")
    look(page, reverse("conferences:create"), "conference-create")
    look(page, reverse("conferences:account_moves"), "account-moves")
    look(page, reverse("conclusions:stats_yearly_report"), "yearly-report-form")
    look(page, "/khong-co-trang-nay/", "404-signed-in")
    look(page, reverse("petitions:assignment_create", args=[office["petitions"][1].pk]), "assignment-form")


def test_the_channel_choice_shows_its_whole_label(page, office):
    sign_in(page, "doan")
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(reverse("petitions:create", args=[office["conference"].slug]))
        page.select_option("select[name=channel]", label="Phương tiện thông tin đại chúng")
        fits = page.evaluate(
            """() => {
              const select = document.querySelector("select[name=channel]");
              const style = getComputedStyle(select);
              const ctx = document.createElement("canvas").getContext("2d");
              ctx.font = style.font;
              const text = ctx.measureText(select.options[select.selectedIndex].text).width;
              const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
              return text <= room;
            }"""
        )
        assert fits, f"the channel label is cut at {size['width']} px"
    screenshot(page, "issue15-petition-form-390")


def test_coordinating_agencies_are_found_by_typing(page, office):
    sign_in(page, "noivu")
    petition = office["petitions"][2]
    page.goto(reverse("petitions:assignment_create", args=[petition.pk]))
    page.select_option("select[name=lead_agency]", label=str(office["agencies"][1]))
    search = page.get_by_placeholder("Tìm cơ quan (gõ không dấu cũng được)")
    search.fill("giao duc")
    visible = page.locator(".agency-picker-list .form-check:visible label").all_inner_texts()
    assert visible == ["Sở Giáo dục và Đào tạo tỉnh Lạng Sơn"]
    page.get_by_label("Sở Giáo dục và Đào tạo tỉnh Lạng Sơn").check()
    search.fill("ngan hang")
    page.get_by_label("Chi nhánh Ngân hàng Chính sách xã hội tỉnh Lạng Sơn").check()
    assert "Đã chọn (2)" in page.locator(".agency-picker-summary").inner_text()
    screenshot(page, "issue15-agency-picker-1366")
    page.select_option("select[name=stage]", "after")
    page.select_option("select[name=due_rule]", "fixed_date")
    page.fill("input[name=due_base]", "30/06/2026")
    page.get_by_role("button", name="Giao trả lời").click()
    page.wait_for_url(lambda url: "/giao/" not in url)
    assignment = petition.assignments.get()
    assert {a.short_name for a in assignment.coordinating_agencies.all()} == {
        "Sở Giáo dục và Đào tạo",
        "Chi nhánh NHCSXH tỉnh",
    }


def test_a_district_union_after_the_reform_sees_why_and_error_pages_look_right(page, office):
    sign_in(page, "doan_cu")
    look(page, reverse("home"), "home-reason")
    look(page, reverse("petitions:create", args=[office["conference"].slug]), "403-reason")
    assert "Huyện Tràng Định không còn là đơn vị hành chính" in page.locator("#error-reason").inner_text()


def test_the_print_stylesheet_prints_the_list_without_the_portal_around_it(page, office):
    sign_in(page, "noivu")
    page.goto(reverse("petitions:list", args=[office["conference"].slug]))
    page.emulate_media(media="print")
    assert page.locator("nav.navbar").is_hidden()
    assert page.locator("form[role=search]").is_hidden()
    assert page.locator("#petition-table").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('#petition-table thead')).display") == (
        "table-header-group"
    )
    page.pdf(path="test-artifacts/issue15-petition-list-print.pdf")


def test_answer_pages_in_the_browser(page, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    people, petition = office["people"], office["petitions"][3]
    assignment = assignment_create(
        petition=petition,
        lead_agency=office["agencies"][0],
        due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2026, 3, 20)),
        actor=people["noivu"],
    )
    answer = answer_save(
        assignment=assignment,
        text="Sở sẽ hổ trợ vốn vay theo Nghị định 61.\n- Mức vay tối đa 100 triệu đồng",
        version=0,
        actor=people["canbo"],
        submit=True,
    )
    sign_in(page, "noivu")
    page.goto(reverse("petitions:answer", args=[answer.pk]))
    page.locator("#correct summary").click()
    page.fill(
        "textarea[name=text]", "Sở sẽ hỗ trợ vốn vay theo Nghị định số 61/2015/NĐ-CP.\n- Mức vay tối đa 100 triệu đồng"
    )
    page.get_by_role("button", name="Lưu bản sửa câu chữ").click()
    page.wait_for_url(f"**/tra-loi/{answer.pk}/")
    assert page.locator(".correction-diff ins").first.inner_text().startswith("hỗ")
    look(page, reverse("petitions:answer", args=[answer.pk]), "answer-corrected")


def test_the_public_and_anonymous_pages_of_issue_15(page, settings, tmp_path):
    from tests.public.conftest import build_public_world

    settings.MEDIA_ROOT = tmp_path
    build_public_world(petition_count=4, slug="trang-dinh-2024")
    page.goto("/")
    assert page.url.endswith(reverse("public:conference_list"))
    look(page, reverse("public:search") + "?q=von+vay", "public-search")
    assert page.locator(".public-petition").count() == 1
    look(page, "/khong-co-trang-nay/", "404-anonymous")
    look(page, reverse("login"), "login")
    look(page, reverse("password_reset"), "password-reset")
    page.emulate_media(media="print")
    page.goto(reverse("public:conference", args=["trang-dinh-2024"]))
    # Answers folded on screen are printed open.
    assert page.locator(".public-answer").first.is_visible()
    page.pdf(path="test-artifacts/issue15-public-conference-print.pdf")


def test_import_preview_and_issue_groups_in_the_browser(page, office, tmp_path, tasks_in_process):
    from tests.intake.conftest import xlsx

    sign_in(page, "noivu")
    slug = office["conference"].slug
    page.goto(reverse("conferences:groups", args=[slug]))
    page.locator("li.list-group-item").nth(2).get_by_role("button", name="Lên").click()
    assert "lên vị trí 2" in page.locator(".alert-success").inner_text()
    names = page.locator("ul.list-group input[name=name]").evaluate_all("els => els.map(e => e.value)")
    assert names[:3] == [GROUPS[0], GROUPS[2], GROUPS[1]]
    look(page, reverse("conferences:groups", args=[slug]), "issue-groups-moved")

    rows = [[1, "Đề nghị xây sân bóng cho thanh niên thôn Nà Pàn", "Đoàn xã Thất Khê", "", "Thôn Khuổi Khe"]]
    upload = tmp_path / "danh-sach.xlsx"
    upload.write_bytes(xlsx(rows))
    page.goto(reverse("petitions:import_upload", args=[slug]))
    page.set_input_files("input[name=file]", str(upload))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.wait_for_url("**/nhap-excel/*/")
    # The unit named in the row drives the suggestion, pre-selected because it is sure.
    assert page.locator("select[name=site-2] option:checked").inner_text() == "Có phải: Xã Thất Khê"
    look(page, page.url, "import-preview")
