"""Senders' contacts never reach public pages, exports, documents or agencies; they are erased a configurable
number of months after the notice is issued (a command beat runs), and Home Affairs exports or erases one sender's
data on request, audited."""

import re
from datetime import date, timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from openpyxl import load_workbook

from conclusions.models import ConclusionNotice, NoticeState
from conferences.audit import history_for
from conferences.models import AuditEvent, Conference, ConferenceStatus, OutgoingEmail
from conferences.notifications import outbox
from petitions.models import Answer, Petition, YouthQuestion
from petitions.questions import moderation
from petitions.questions.privacy import months_before, questions_housekeeping
from petitions.services.answering import answer_approve, answer_save, answers_publish
from tests.questions.conftest import confirmed_question, fresh_phone
from tests.questions.test_tracking import _assign

pytestmark = pytest.mark.django_db

NAME = "Hà Thị Bímật"


def _published(client_sender, world, **fields):
    """A question accepted, answered and published, in a concluded conference with an issued notice."""
    question = confirmed_question(client_sender, world, sender_name=NAME, **fields)
    petition = moderation.question_accept(question=question, actor=world.union_trang_dinh)
    assignment = _assign(world, petition)
    answer = answer_save(assignment=assignment, text="Trả lời công khai.", version=0, actor=world.officer, submit=True)
    answers_publish(answers=[answer_approve(answer=answer, actor=world.ha)], actor=world.ha)
    return question, petition


def _conclude(world, day: date):
    Conference.objects.filter(pk=world.conference.pk).update(status=ConferenceStatus.CONCLUDED, concluded_on=day)
    return ConclusionNotice.objects.create(
        conference=world.conference,
        revision=1,
        issuing_agency=world.labour,
        place="Lạng Sơn",
        title="Kết luận",
        number=12,
        number_year=day.year,
        issue_date=day,
        state=NoticeState.ISSUED,
    )


def _crawl(client, start: str) -> dict[str, str]:
    seen, queue = {}, [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            seen[url] = ""
            continue
        seen[url] = response.content.decode()
        queue += [h.replace("&amp;", "&") for h in re.findall(r'href="(/cong-khai/[^"#]*)', seen[url])]
    return seen


def test_no_contact_leaks_to_public_pages_exports_documents_or_agencies(client, sender, world):
    phone = fresh_phone()
    question, petition = _published(sender, world, phone=phone)
    _conclude(world, date.today())
    secrets = (NAME, question.email, phone)
    pages = _crawl(client, reverse("public:conference_list"))
    assert any(f"/kien-nghi/{petition.number}/" in url for url in pages)
    for url, body in pages.items():
        assert not any(s in body for s in secrets), url
    staff = client
    for user, url in (
        (world.officer, reverse("petitions:detail", args=[petition.pk])),
        (world.ha, reverse("petitions:detail", args=[petition.pk])),
        (world.union_trang_dinh, reverse("petitions:question_queue") + "?xem=da-xem-xet"),
        (world.ha, reverse("petitions:list", args=[world.conference.slug])),
    ):
        staff.force_login(user)
        response = staff.get(url)
        assert response.status_code == 200, url
        assert not any(s in response.content.decode() for s in secrets), (user, url)
    staff.force_login(world.ha)
    export = staff.get(reverse("petitions:export", args=[world.conference.slug]))
    cells = " ".join(str(c.value) for row in load_workbook(BytesIO(export.content)).active.iter_rows() for c in row)
    assert petition.content in cells and not any(s in cells for s in secrets)
    from conclusions.notices.documents.content import notice_content

    notice = ConclusionNotice.objects.get(conference=world.conference)
    assert not any(s in repr(notice_content(notice)) for s in secrets)


def test_the_erase_command_erases_contacts_months_after_the_notice_and_keeps_the_question(sender, world, settings):
    settings.QUESTION_CONTACT_RETENTION_MONTHS = 6
    question, petition = _published(sender, world, notify_by="sms", phone=fresh_phone())
    for row in OutgoingEmail.objects.filter(dedupe_key__startswith=f"question:{question.pk}:"):
        outbox.deliver(row.pk)
    _conclude(world, date(2025, 4, 5))
    out = StringIO()
    call_command("erase_question_contacts", "--date", "2025-10-04", stdout=out)  # one day short of six months
    question.refresh_from_db()
    assert question.has_contact and "liên hệ (6 tháng sau thông báo kết luận): 0" in out.getvalue()
    call_command("erase_question_contacts", "--date", "2025-10-05", "--dry-run", stdout=out)
    assert YouthQuestion.objects.get(pk=question.pk).has_contact
    call_command("erase_question_contacts", "--date", "2025-10-05", stdout=out)
    question.refresh_from_db()
    assert (question.sender_name, question.email, question.phone) == ("", "", "")
    assert question.contact_erased_at is not None and question.content and question.petition == petition
    rows = OutgoingEmail.objects.filter(dedupe_key__startswith=f"question:{question.pk}:")
    assert rows.exists() and set(rows.values_list("to_phone", "to_email")) == {("", "")}
    assert not rows.filter(body_text__contains=question.token).exists()
    assert Answer.objects.filter(petition=petition, state="published").exists()
    assert questions_housekeeping(today=date(2026, 1, 1)).erased == 0  # nothing left to erase


def test_questions_of_conferences_without_a_notice_keep_their_contacts(sender, world):
    question = confirmed_question(sender, world)
    assert questions_housekeeping(today=date(2030, 1, 1), months=0).erased == 0
    assert YouthQuestion.objects.get(pk=question.pk).has_contact


def test_months_are_counted_on_the_calendar():
    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_before(date(2025, 1, 15), 1) == date(2024, 12, 15)
    assert months_before(date(2024, 8, 31), 6) == date(2024, 2, 29)


def test_the_housekeeping_pass_is_registered_with_beat():
    task = PeriodicTask.objects.get(task="petitions.questions_housekeeping")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("2", "30", "Asia/Ho_Chi_Minh")
    assert task.enabled


def test_address_digests_are_cleared_after_a_day(sender, world):
    question = confirmed_question(sender, world)
    assert question.address_digest
    YouthQuestion.objects.filter(pk=question.pk).update(created_at=question.created_at - timedelta(days=2))
    assert questions_housekeeping().digests_cleared == 1
    assert YouthQuestion.objects.get(pk=question.pk).address_digest == ""


def test_home_affairs_exports_and_erases_one_senders_data_audited(client, sender, world):
    question = confirmed_question(sender, world, sender_name=NAME)
    email = question.email
    other = confirmed_question(sender, world)
    client.force_login(world.ha)
    url = reverse("petitions:question_sender_requests")
    page = client.post(url, {"contact": question.email.upper(), "action": "search"}).content.decode()
    assert question.content[:40] in page
    export = client.post(url, {"contact": question.email, "action": "export"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(export.content))
    values = " ".join(str(c.value) for row in book.worksheets[0].iter_rows() for c in row)
    assert NAME in values and question.email in values and other.email not in values
    messages = " ".join(str(c.value) for row in book.worksheets[1].iter_rows() for c in row)
    assert "Xác nhận câu hỏi" in messages
    client.post(url, {"contact": question.email, "action": "erase"})
    question.refresh_from_db()
    other.refresh_from_db()
    assert not question.has_contact and question.sender_name == "" and other.has_contact
    actions = [e.action for e in history_for(question)]
    assert "question.sender_export" in actions and "question.sender_erase" in actions
    assert not AuditEvent.objects.filter(data__icontains=email.split("@")[0]).exists()


@pytest.mark.parametrize("who", ["union_trang_dinh", "officer"])
def test_only_home_affairs_handles_sender_requests(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("petitions:question_sender_requests")).status_code == 403


def test_home_affairs_of_another_province_finds_nothing(client, sender, world):
    from conferences.models import Role
    from tests.factories import AgencyFactory, UnitFactory, make_user

    question = confirmed_question(sender, world)
    stranger = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=UnitFactory(name="Cao Bằng")))
    client.force_login(stranger)
    page = client.post(
        reverse("petitions:question_sender_requests"), {"contact": question.email, "action": "erase"}
    ).content.decode()
    assert "Không có câu hỏi nào" in page or YouthQuestion.objects.get(pk=question.pk).has_contact
    assert YouthQuestion.objects.get(pk=question.pk).has_contact
    assert Petition.objects.count() == 0
