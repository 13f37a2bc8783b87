"""In the browser: the officer's notification list after a reminder pass; Home Affairs' follow-up pages."""

from datetime import date

import pytest
from django.utils import timezone

from conclusions.followup.services import directive_report_progress
from conclusions.models import ConclusionNotice, Directive, NoticeState
from conferences.deadlines import DeadlineRule
from conferences.models import Agency, Conference
from conferences.notifications.reminders import run_pass
from conferences.workdays import add_working_days, is_working_day
from petitions.models import Assignment, Petition
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pass_day() -> date:
    day = timezone.localdate()
    while not is_working_day(day):
        day = add_working_days(day, -1).due
    return day


def _assign(conference, agency, number, due, content):
    petition = Petition.objects.create(
        conference=conference, number=number, content=content, submitting_unit="Bí thư Đoàn xã Tân Minh"
    )
    return Assignment.objects.create(
        petition=petition, lead_agency=agency, due_rule=DeadlineRule.FIXED_DATE, due_date=due
    )


def test_the_officer_sees_the_reminders_of_a_pass_in_the_notification_list(page, login, demo):
    day = _pass_day()
    labour = Agency.objects.get(code="so-ldtbxh-lang-son")
    conference = demo["lang-son-2024"]
    _assign(conference, labour, 101, add_working_days(day, -2).due, "Đề nghị mở lớp đào tạo nghề cho thanh niên?")
    _assign(conference, labour, 102, day, "Đề nghị hỗ trợ vốn vay khởi nghiệp?")
    _assign(conference, labour, 103, add_working_days(day, 2).due, "Đề nghị tư vấn việc làm cho sinh viên?")
    result = run_pass(day=day)
    assert result.emails >= 1

    login("canbo_laodong")
    bell = page.locator("#notification-bell")
    assert bell.locator("[data-testid=unread-count]").inner_text() == "3"
    bell.click()
    page.wait_for_url("**/ket-luan/thong-bao-cua-toi/")
    assert page.locator("h1").inner_text() == "Thông báo"
    items = page.locator("[data-testid=notification]")
    assert items.count() == 3
    texts = items.all_inner_texts()
    assert any("Kiến nghị số 101 (hội nghị 2024) quá hạn 2 ngày làm việc" in t for t in texts)
    assert any("Kiến nghị số 102 (hội nghị 2024) đến hạn trả lời hôm nay" in t for t in texts)
    assert any("Kiến nghị số 103 (hội nghị 2024) sắp đến hạn trả lời" in t for t in texts)
    assert page.get_by_test_id("unread-summary").inner_text() == "3 thông báo chưa đọc"
    screenshot(page, "h6-officer-notifications-after-reminder-pass")

    items.filter(has_text="Kiến nghị số 101").get_by_role("button", name="Mở").click()
    page.wait_for_url("**/kien-nghi/phan-cong/**")
    page.goto("/ket-luan/thong-bao-cua-toi/")
    assert page.locator("#notification-bell [data-testid=unread-count]").inner_text() == "2"
    page.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()
    assert page.get_by_text("Đã đánh dấu 2 thông báo là đã đọc.").is_visible()
    assert page.locator("#notification-bell [data-testid=unread-count]").count() == 0
    page.get_by_role("link", name="Cách nhận thư").click()
    screenshot(page, "h6-notification-settings")


def _issue_2023_notice(demo) -> ConclusionNotice:
    notice = ConclusionNotice.objects.get(conference=demo["lang-son-2023"], revision=1)
    notice.state, notice.number, notice.number_year, notice.issue_date = NoticeState.ISSUED, 12, 2023, date(2023, 4, 5)
    notice.save()
    return notice


def test_home_affairs_follows_tasks_up_and_accepts_a_completion_report(page, login, demo):
    notice = _issue_2023_notice(demo)
    nongnghiep = Directive.objects.get(notice=notice, agency__code="so-nnptnt-lang-son")
    tasks = list(Directive.objects.filter(notice=notice, agency__isnull=False).order_by("position"))
    planning = next(d for d in tasks if d.deadline_kind == DeadlineRule.END_OF_YEAR)
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="canbo_noivu")
    home_affairs_task = next(d for d in tasks if d.agency.code == "so-noi-vu-lang-son")
    directive_report_progress(
        directive=home_affairs_task,
        text="Đã tổng hợp danh sách thanh niên tiêu biểu, trình UBND tỉnh khen thưởng tại hội nghị năm 2024.",
        percent=100,
        reports_completion=True,
        actor=officer,
    )
    assert nongnghiep.pk and planning.pk

    login("noivu_tinh")
    page.goto("/ket-luan/theo-doi/")
    assert page.locator("h1").inner_text() == "Theo dõi, đôn đốc thực hiện kết luận"
    assert page.locator("#by-agency").get_by_text("Sở Kế hoạch và Đầu tư").is_visible()
    screenshot(page, "h6-monitoring")

    page.goto(f"/ket-luan/nhiem-vu/{home_affairs_task.pk}/")
    assert page.locator("#directive-status").inner_text().strip() == "Báo cáo hoàn thành, chờ xác nhận"
    page.get_by_label("Xác nhận hoàn thành").check()
    page.get_by_label("Ý kiến của Nội vụ").fill("Đạt yêu cầu.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert page.get_by_text("Đã xác nhận hoàn thành nhiệm vụ.").is_visible()
    assert page.locator("#directive-status").inner_text().strip() == "Đã hoàn thành"
    screenshot(page, "h6-directive-accepted")

    page.goto(demo["lang-son-2024"].get_absolute_url())
    carried = page.locator("#followup-actions").get_by_role("link", name="nhiệm vụ các năm trước chưa hoàn thành")
    carried.click()
    assert page.locator("#carried-over").get_by_role("cell", name="Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn").is_visible()
    screenshot(page, "h6-carried-over")
    assert Conference.objects.filter(slug="lang-son-2024").exists()


def test_an_agency_officer_reports_progress_on_a_task(page, login, demo):
    notice = _issue_2023_notice(demo)
    task = Directive.objects.get(notice=notice, agency__code="so-noi-vu-lang-son")
    login("canbo_noivu")
    page.goto("/ket-luan/nhiem-vu/")
    page.get_by_role("link", name=task.heading).click()
    page.get_by_label("Nội dung báo cáo").fill("Đã rà soát, lập danh sách 25 thanh niên tiêu biểu.")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("60")
    page.get_by_role("button", name="Gửi báo cáo").click()
    assert page.get_by_text("Đã gửi báo cáo tiến độ.").is_visible()
    assert (
        page.locator("#progress-reports").get_by_text("Đã rà soát, lập danh sách 25 thanh niên tiêu biểu.").is_visible()
    )
    screenshot(page, "h6-officer-task-progress")
