"""In Chromium: Home Affairs assigns two petitions to Sở Nội vụ, the officer answers one and declines the other,
Home Affairs returns the answer with a comment, the officer revises, Home Affairs approves."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from petitions.models import AnswerState, AssignmentStatus, Petition
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_petitions(demo):
    conference = demo["lang-son-2024"]
    conference.planned_date = timezone.localdate() + timedelta(days=40)
    conference.save()
    group = conference.issue_groups.get(name="Đào tạo nghề, hướng nghiệp, giải quyết việc làm")
    site = conference.bridge_points.get(unit=conference.organising_unit)
    rows = [
        "Tỉnh có kế hoạch thu hút sinh viên tốt nghiệp loại giỏi về công tác tại địa phương không?",
        "Đề nghị tỉnh hỗ trợ vốn vay ưu đãi cho thanh niên khởi nghiệp?",
    ]
    return [
        Petition.objects.create(
            conference=conference,
            number=n,
            content=text,
            submitting_unit="Bí thư Đoàn xã Tân Minh",
            issue_group=group,
            bridge_point=site,
        )
        for n, text in enumerate(rows, start=1)
    ]


def _switch_user(page, login, username):
    """Sign out (drop the session cookie) and sign in as someone else through the real login form."""
    page.context.clear_cookies()
    login(username)


def _assign(page, number):
    page.locator("tr", has=page.locator(f"td:text-is('{number}')")).get_by_role("link", name="Giao", exact=True).click()
    page.select_option("select[name=lead_agency]", label="Sở Nội vụ")
    page.get_by_role("button", name="Giao trả lời").click()
    page.wait_for_url(re.compile(r"/phan-cong/hoi-nghi/lang-son-2024/$"))


def test_assign_answer_decline_return_revise_approve(page, login, two_petitions):
    first, second = two_petitions

    # 1. Home Affairs assigns both petitions to Sở Nội vụ from the conference page.
    _switch_user(page, login, "noivu_tinh")
    page.goto("/hoi-nghi/lang-son-2024/")
    page.get_by_role("link", name="Phân công trả lời").first.click()
    _assign(page, 1)
    _assign(page, 2)
    assert page.get_by_text("Đã giao kiến nghị số 2 cho Sở Nội vụ").is_visible()
    screenshot(page, "answering-01-board-assigned")

    # 2. The officer answers the first and declines the second.
    _switch_user(page, login, "canbo_noivu")
    page.get_by_role("link", name="Hộp việc").click()
    assert page.locator("tbody tr").count() == 2
    screenshot(page, "answering-02-officer-inbox")
    page.get_by_role("link", name="Kiến nghị số 1").click()
    page.fill(
        "textarea[name=text]",
        "* Về thu hút sinh viên giỏi: Tỉnh thực hiện chính sách theo Nghị định 140/2017/NĐ-CP.\n"
        "- Ưu tiên xét tuyển công chức;\n- Hỗ trợ một lần khi nhận công tác.",
    )
    page.get_by_role("button", name="Gửi Nội vụ").click()
    assert page.get_by_text("Đã gửi trả lời cho Nội vụ xem xét.").is_visible()
    page.goto("/kien-nghi/hop-thu/")
    page.get_by_role("link", name="Kiến nghị số 2").click()
    page.locator("#decline summary").click()
    page.fill("#decline textarea[name=reason]", "Thuộc thẩm quyền của Sở Tài chính và Ngân hàng Chính sách xã hội.")
    screenshot(page, "answering-03-officer-declines")
    page.get_by_role("button", name="Từ chối – không thuộc thẩm quyền").click()
    assert page.get_by_text("Đã báo Nội vụ").is_visible()

    # 3. Home Affairs sees the declined item flagged and returns the answer with a comment.
    _switch_user(page, login, "noivu_tinh")
    page.locator("#nav-answering").click()  # the "Trả lời" menu
    page.get_by_role("link", name="Duyệt trả lời").first.click()
    assert page.get_by_text("Cơ quan từ chối – cần giao lại").is_visible()
    screenshot(page, "answering-04-review-queue")
    page.get_by_role("link", name="Xem xét").click()
    page.fill("#review textarea[name=comment]", "Đề nghị nêu rõ mức hỗ trợ cụ thể.")
    screenshot(page, "answering-05-review")
    page.get_by_role("button", name="Trả lại để sửa").click()
    assert page.get_by_text("Đã trả lại để cơ quan sửa.").is_visible()

    # 4. The officer sees the comment and revises.
    _switch_user(page, login, "canbo_noivu")
    page.goto("/kien-nghi/hop-thu/?tab=returned")
    page.get_by_role("link", name="Kiến nghị số 1").click()
    assert page.get_by_text("Đề nghị nêu rõ mức hỗ trợ cụ thể.").first.is_visible()
    page.fill(
        "textarea[name=text]",
        "* Về thu hút sinh viên giỏi: Tỉnh thực hiện chính sách theo Nghị định 140/2017/NĐ-CP.\n"
        "- Ưu tiên xét tuyển công chức;\n- Hỗ trợ một lần 30 lần mức lương cơ sở khi nhận công tác.",
    )
    screenshot(page, "answering-06-officer-revises")
    page.get_by_role("button", name="Gửi Nội vụ").click()

    # 5. Home Affairs approves; the history and the diff show both versions.
    _switch_user(page, login, "noivu_tinh")
    page.goto("/kien-nghi/duyet-tra-loi/")
    page.get_by_role("link", name="Xem xét").click()
    page.get_by_role("button", name="Duyệt trả lời").click()
    assert page.get_by_text("Đã duyệt trả lời kiến nghị số 1.").is_visible()
    screenshot(page, "answering-07-approved")
    page.get_by_role("link", name="So sánh", exact=True).click()
    assert page.locator("ins", has_text="30 lần mức lương cơ sở").is_visible()
    screenshot(page, "answering-08-diff")
    page.goto("/kien-nghi/theo-doi-tra-loi/?hoi_nghi=lang-son-2024")
    screenshot(page, "answering-09-dashboard")

    answer = first.answers.get()
    assert answer.state == AnswerState.APPROVED
    assert [r.action for r in answer.revisions.order_by("created_at", "id")] == [
        "draft_saved",
        "submitted",
        "returned",
        "draft_saved",
        "submitted",
        "approved",
    ]
    declined = second.assignments.get()
    assert declined.status == AssignmentStatus.DECLINED
    assert "Sở Tài chính" in declined.decline_reason
