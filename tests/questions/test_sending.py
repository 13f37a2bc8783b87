"""A young person sends a question from the public page (no account) and confirms it: by the emailed link (double
opt-in) or the code texted to their phone. Only then does it reach the Youth Union."""

import re
import unicodedata
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import ConferenceStatus, MessageChannel, OutgoingEmail
from conferences.notifications import channels, outbox
from petitions.models import YouthQuestion
from petitions.questions.models import QuestionState
from petitions.questions.privacy import questions_housekeeping
from tests.questions.conftest import confirm_link, confirm_row, fresh_phone, send, sent_question

pytestmark = pytest.mark.django_db


def test_the_public_page_of_a_collecting_conference_offers_the_question_form(client, world):
    content = client.get(reverse("public:conference", args=[world.conference.slug])).content.decode()
    assert "Gửi câu hỏi, kiến nghị" in content
    assert reverse("public:question_send", args=[world.conference.slug]) in content
    listing = client.get(reverse("public:conference_list")).content.decode()
    assert "Đang nhận câu hỏi của thanh niên" in listing and world.conference.title in listing


def test_a_conference_that_does_not_collect_takes_no_questions(client, sender, world):
    world.conference.status = ConferenceStatus.ANSWERING
    world.conference.save()
    assert client.get(reverse("public:question_send", args=[world.conference.slug])).status_code == 404
    assert send(sender, world).status_code == 404
    assert client.get(reverse("public:conference", args=[world.conference.slug])).status_code == 404
    assert not YouthQuestion.objects.exists()


def test_the_form_states_what_the_contact_is_for_and_how_long_it_is_kept(client, world, settings):
    settings.QUESTION_CONTACT_RETENTION_MONTHS = 6
    content = client.get(reverse("public:question_send", args=[world.conference.slug])).content.decode()
    assert "chỉ dùng để xác nhận câu hỏi và báo cho bạn kết quả xử lý" in content
    assert "được xóa 6 tháng sau khi hội nghị ban hành thông báo kết luận" in content
    assert "Nghị định 13/2023/NĐ-CP" in content
    assert "<script" not in content


def test_a_sent_question_waits_for_the_email_link_and_is_not_in_moderation(sender, world):
    question = sent_question(sender, world)
    assert question.state == QuestionState.UNCONFIRMED
    row = confirm_row(question)
    assert (row.channel, row.to_email, row.recipient) == (MessageChannel.EMAIL, question.email, None)
    assert row.subject == "[Đối thoại thanh niên] Xác nhận câu hỏi bạn vừa gửi"
    assert question.token in row.body_text and question.content in row.body_text
    page = sender.get(reverse("public:question_track", args=[question.token])).content.decode()
    assert "Chờ bạn xác nhận" in page
    assert question.email not in page  # masked: n•••@gmail.com
    assert YouthQuestion.objects.waiting().count() == 0


def test_the_email_link_asks_for_a_click_then_confirms_once(sender, world):
    question = sent_question(sender, world)
    path = "/" + confirm_link(question).split("/", 3)[3]
    assert "Xác nhận câu hỏi" in sender.get(path).content.decode()
    question.refresh_from_db()
    assert question.state == QuestionState.UNCONFIRMED  # a mail scanner opening the link confirms nothing
    assert sender.post(path).status_code == 302
    question.refresh_from_db()
    assert question.state == QuestionState.WAITING and question.confirmed_at is not None
    assert sender.post(path).status_code == 302  # a second click changes nothing
    assert "Đã nhận" in sender.get(reverse("public:question_track", args=[question.token])).content.decode()


def test_a_wrong_link_confirms_nothing(sender, world):
    question = sent_question(sender, world)
    sender.post(reverse("public:question_confirm", args=[question.token, "sai-khoa"]))
    question.refresh_from_db()
    assert question.state == QuestionState.UNCONFIRMED


def test_a_phone_only_sender_confirms_with_the_code_sent_by_sms(sender, world):
    phone = fresh_phone()
    question = sent_question(sender, world, email="", phone=f"{phone[:4]} {phone[4:7]} {phone[7:]}", notify_by="sms")
    assert question.phone == phone and question.email == ""
    row = confirm_row(question)
    assert (row.channel, row.to_phone, row.to_email) == (MessageChannel.SMS, phone, "")
    assert outbox.deliver(row.pk) == "sent"
    sms = channels.provider_for("sms").sent[-1]
    assert sms.to == phone and "Ma xac nhan" in sms.text  # SMS goes without diacritics
    assert all(unicodedata.combining(ch) == 0 and ord(ch) < 0x1E00 for ch in sms.text)
    code = re.search(r"\b(\d{6})\b", sms.text).group(1)
    track = reverse("public:question_track", args=[question.token])
    assert 'autocomplete="one-time-code"' in sender.get(track).content.decode()
    sender.post(reverse("public:question_code", args=[question.token]), {"code": code})
    question.refresh_from_db()
    assert question.state == QuestionState.WAITING


def test_five_wrong_codes_block_the_code_until_a_new_one_is_sent(sender, world):
    question = sent_question(sender, world, email="", phone=fresh_phone(), notify_by="sms")
    code = re.search(r"\b(\d{6})\b", confirm_row(question).body_text).group(1)
    wrong = "000000" if code != "000000" else "111111"
    for _attempt in range(5):
        sender.post(reverse("public:question_code", args=[question.token]), {"code": wrong})
    response = sender.post(reverse("public:question_code", args=[question.token]), {"code": code}, follow=True)
    assert "Đã nhập sai mã quá 5 lần" in response.content.decode()
    question.refresh_from_db()
    assert question.state == QuestionState.UNCONFIRMED and question.confirm_attempts == 5
    YouthQuestion.objects.filter(pk=question.pk).update(confirm_sent_at=timezone.now() - timedelta(minutes=2))
    sender.post(reverse("public:question_resend", args=[question.token]))
    new_code = re.search(r"\b(\d{6})\b", confirm_row(question).body_text).group(1)
    sender.post(reverse("public:question_code", args=[question.token]), {"code": new_code})
    question.refresh_from_db()
    assert question.state == QuestionState.WAITING
    assert OutgoingEmail.objects.filter(dedupe_key__startswith=f"question:{question.pk}:confirm:").count() == 2


def test_an_unconfirmed_question_expires_after_48_hours(sender, world):
    question = sent_question(sender, world)
    link = "/" + confirm_link(question).split("/", 3)[3]
    YouthQuestion.objects.filter(pk=question.pk).update(created_at=timezone.now() - timedelta(hours=48, minutes=1))
    response = sender.post(link, follow=True)
    assert "đã hết hạn" in response.content.decode()
    question.refresh_from_db()
    assert question.state == QuestionState.UNCONFIRMED
    kept = sent_question(sender, world)  # sent just now: stays
    result = questions_housekeeping()
    assert result.expired == 1
    assert list(YouthQuestion.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not OutgoingEmail.objects.filter(dedupe_key__startswith=f"question:{question.pk}:").exists()
    assert sender.get(reverse("public:question_track", args=[question.token])).status_code == 404


def test_the_honeypot_refuses_and_stores_nothing(sender, world):
    response = send(sender, world, website="http://spam.example")
    assert response.status_code == 200
    assert "Không gửi được câu hỏi" in response.content.decode()
    assert not YouthQuestion.objects.exists() and not OutgoingEmail.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"content": "x" * 2001}, "Nội dung dài tối đa 2000 ký tự"),
        ({"content": "Hỏi gì?"}, "Nội dung quá ngắn"),
        ({"email": "khong-phai-thu"}, "Địa chỉ thư điện tử chưa đúng"),
        ({"email": ""}, "Nhập thư điện tử để nhận liên kết xác nhận"),
        ({"phone": "12345", "notify_by": "sms", "email": ""}, "Số điện thoại chưa đúng"),
        ({"consent": ""}, "Hãy đánh dấu đồng ý"),
        ({"sender_name": "A" * 101}, "100"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message_and_stores_nothing(sender, world, overrides, message):
    response = send(sender, world, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not YouthQuestion.objects.exists() and not OutgoingEmail.objects.exists()


def test_the_text_is_stored_composed_and_without_control_characters(sender, world):
    decomposed = unicodedata.normalize(
        "NFD", "Đề nghị hỗ trợ\u202e vốn\u200b vay\x07 cho thanh niên?\r\n\r\n\r\n\r\nCảm ơn."
    )
    question = sent_question(sender, world, content=decomposed, sender_name="  Nguyễn\tVăn\u200b An ")
    assert question.content == "Đề nghị hỗ trợ vốn vay cho thanh niên?\n\nCảm ơn."
    assert unicodedata.is_normalized("NFC", question.content)
    assert question.sender_name == "Nguyễn Văn An"


def test_the_site_search_finds_a_commune_without_accents(client, world):
    url = reverse("public:question_send", args=[world.conference.slug])
    content = client.post(url, {"tim_noi": "hung son", "action": "search", "content": "Giữ nội dung đã gõ"}).content
    content = content.decode()
    assert f'<option value="{world.sites["Hùng Sơn"].pk}" selected>' in content
    assert "Xã Tân Minh – Tràng Định" not in content and "Xã Hợp Thành" not in content
    assert "Giữ nội dung đã gõ" in content  # the search keeps what was typed
    assert not YouthQuestion.objects.exists()


def test_a_site_of_another_conference_is_refused(sender, world):
    from tests.factories import BridgePointFactory

    stranger = BridgePointFactory()
    response = send(sender, world, bridge_point=stranger.pk)
    assert "Xã, phường không có trong danh sách" in response.content.decode()
    assert not YouthQuestion.objects.exists()


def test_a_text_channel_that_is_off_is_not_offered(client, world, settings):
    settings.SMS_URL = ""
    settings.ZALO_URL = ""
    content = client.get(reverse("public:question_send", args=[world.conference.slug])).content.decode()
    assert 'name="phone"' not in content and 'value="sms"' not in content


def test_a_site_young_people_sent_questions_from_is_not_deleted(sender, world):
    from conferences.errors import Refused
    from conferences.services.sites import bridge_point_delete

    sent_question(sender, world)
    with pytest.raises(Refused, match="đã có câu hỏi của thanh niên"):
        bridge_point_delete(site=world.sites["Tân Minh"], actor=world.ha)
    assert world.conference.bridge_points.filter(pk=world.sites["Tân Minh"].pk).exists()


def test_an_english_moderator_still_writes_the_unit_in_vietnamese(sender, world):
    from django.utils import translation

    from petitions.questions import moderation
    from tests.questions.conftest import confirmed_question

    question = confirmed_question(sender, world)
    with translation.override("en"):
        petition = moderation.question_accept(question=question, actor=world.union_trang_dinh)
    assert petition.submitting_unit == "Thanh niên Xã Tân Minh (gửi trực tuyến)"
