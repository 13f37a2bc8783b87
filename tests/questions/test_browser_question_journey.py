"""In Chromium: an anonymous young person on a 390 px phone sends a question, confirms it from the link in the
outgoing email; the district Youth Union accepts it; Home Affairs assigns it, the agency answers, Home Affairs
approves and publishes; the tracking page shows the answer while exactly one "answered" message sits in the outbox."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conferences.models import OutgoingEmail
from petitions.models import Petition, YouthQuestion
from petitions.questions import ratelimit, sending
from tests.conftest import screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = (
    "Em là sinh viên mới ra trường ở xã Tân Minh. Tỉnh có hỗ trợ vốn vay ưu đãi để thanh niên khởi nghiệp nuôi ong "
    "không ạ?"
)
ANSWER = "Thanh niên khởi nghiệp được vay tối đa 100 triệu đồng từ Ngân hàng Chính sách xã hội, lãi suất ưu đãi."


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _as(page, login, user):
    page.context.clear_cookies()
    login(user.username, PASSWORD)


def test_a_young_person_follows_their_question_until_the_answer_reaches_them(page, phone, login, world):
    world.conference.planned_date = timezone.localdate() + timedelta(days=40)
    world.conference.save()
    logged = Petition.objects.create(
        conference=world.conference,
        number=1,
        content="Tỉnh có hỗ trợ vốn vay ưu đãi để thanh niên khởi nghiệp nuôi ong, nuôi cá không?",
        submitting_unit="Bí thư Đoàn xã Hùng Sơn",
        bridge_point=world.sites["Hùng Sơn"],
    )
    for limit in sending.limits():
        ratelimit.reset(limit, "127.0.0.1")

    # 1. On the phone: the public list offers the form; the commune is found without accents.
    phone.goto("/cong-khai/")
    phone.get_by_role("link", name="Gửi câu hỏi, kiến nghị").click()
    phone.fill("input[name=tim_noi]", "tan minh")
    phone.get_by_role("button", name="Tìm").click()
    assert phone.locator("select[name=bridge_point] option:checked").inner_text() == "Xã Tân Minh – Tràng Định"
    phone.fill("textarea[name=content]", QUESTION)
    phone.select_option("select[name=issue_group]", label="Việc làm, khởi nghiệp")
    phone.fill("input[name=sender_name]", "Nông Thị Hoa")
    phone.fill("input[name=email]", "hoa.nong.tm@gmail.com")
    phone.check("input[name=consent]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    screenshot(phone, "questions-01-send-form-390")
    phone.get_by_role("button", name="Gửi câu hỏi").click()
    phone.wait_for_url(re.compile(r"/cong-khai/cau-hoi/[\w-]+/$"))
    assert phone.get_by_role("heading", name="Chờ bạn xác nhận").is_visible()
    question = YouthQuestion.objects.get()

    # 2. The link in the outgoing email confirms it.
    email = OutgoingEmail.objects.get(dedupe_key=f"question:{question.pk}:confirm:1")
    assert email.to_email == "hoa.nong.tm@gmail.com"
    link = re.search(r"https?://\S+/xac-nhan/\S+/", email.body_text).group(0)
    phone.goto("/" + link.split("/", 3)[3])
    phone.get_by_role("button", name="Xác nhận câu hỏi").click()
    assert phone.get_by_text("Cảm ơn bạn! Câu hỏi đã được xác nhận").is_visible()
    assert phone.get_by_role("heading", name="Đã nhận").is_visible()
    screenshot(phone, "questions-02-tracking-received-390")
    track_url = phone.url

    # 3. The district Youth Union accepts it from its queue.
    _as(page, login, world.union_trang_dinh)
    assert page.locator(".card-stat", has_text="Chờ xem xét").locator(".display-6").inner_text() == "1"
    page.get_by_role("link", name="Câu hỏi trực tuyến").click()
    assert page.get_by_text(QUESTION).is_visible()
    assert page.locator(f"input[name=suggested][value='{logged.pk}']").is_checked()  # the similar petition
    screenshot(page, "questions-03-moderation-queue-1366")
    page.locator(f"#q-{question.pk}").get_by_role("button", name="Tiếp nhận", exact=True).click()
    assert page.get_by_text("Đã tiếp nhận câu hỏi thành kiến nghị số 2").is_visible()
    petition = Petition.objects.get(number=2)

    # 4. Home Affairs assigns it; the agency answers; Home Affairs approves and publishes.
    _as(page, login, world.ha)
    page.goto(f"/kien-nghi/phan-cong/kien-nghi/{petition.pk}/giao/")
    page.select_option("select[name=lead_agency]", label="Sở LĐTBXH")
    page.get_by_role("button", name="Giao trả lời").click()
    assert page.get_by_text("Đã giao kiến nghị số 2").is_visible()
    phone.goto(track_url)
    assert phone.get_by_role("heading", name="Đã giao cơ quan trả lời").is_visible()
    assert phone.get_by_text("Sở Lao động - Thương binh và Xã hội").first.is_visible()

    _as(page, login, world.officer)
    page.get_by_role("link", name="Hộp việc").click()
    page.get_by_role("link", name="Kiến nghị số 2").click()
    page.fill("textarea[name=text]", ANSWER)
    page.get_by_role("button", name="Gửi Nội vụ").click()
    assert page.get_by_text("Đã gửi trả lời cho Nội vụ xem xét.").is_visible()

    _as(page, login, world.ha)
    page.goto("/kien-nghi/duyet-tra-loi/")
    page.get_by_role("link", name="Xem xét").click()
    page.get_by_role("button", name="Duyệt trả lời").click()
    page.goto("/kien-nghi/duyet-tra-loi/")
    page.check("input[name=answers]")
    page.get_by_role("button", name="Công bố các trả lời đã chọn").click()
    assert page.get_by_text("Đã công bố 1 trả lời.").is_visible()

    # 5. The tracking page shows the answer; exactly one "answered" message is in the outbox.
    phone.goto(track_url)
    assert phone.get_by_role("heading", name="Đã có trả lời").is_visible()
    assert phone.get_by_text(ANSWER).is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "questions-04-tracking-answered-390")
    answered = OutgoingEmail.objects.filter(kind="question_answered")
    assert [(m.dedupe_key, m.to_email) for m in answered] == [
        (f"question:{question.pk}:answered", "hoa.nong.tm@gmail.com")
    ]
    assert ANSWER in answered[0].body_text
