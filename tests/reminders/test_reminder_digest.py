"""One digest per person per day, grouped, with links; a second pass the same day sends nothing."""

from datetime import date

import pytest
from django.db import connection

from conferences.models import EmailState, Notification, OutgoingEmail, ReminderRecord
from conferences.notifications import outbox
from conferences.notifications.reminders import run_pass
from petitions.models import AnswerState
from tests.factories import AnswerFactory
from tests.reminders.conftest import DAY

pytestmark = pytest.mark.django_db


def _digest(user):
    return OutgoingEmail.objects.get(recipient=user, kind="digest")


def test_all_items_of_a_person_go_in_one_digest_grouped_by_kind(world, assign, settings):
    settings.SITE_URL = "https://doithoai.example.gov.vn"
    soon = assign(world.labour, date(2024, 11, 22))
    today = assign(world.labour, DAY)
    late = assign(world.labour, date(2024, 11, 19))
    result = run_pass(day=DAY)
    assert OutgoingEmail.objects.filter(recipient=world.officer).count() == 1
    digest = _digest(world.officer)
    assert digest.subject == "[Đối thoại thanh niên] Nhắc việc ngày 20/11/2024: 3 việc cần chú ý"
    text = digest.body_text
    assert text.index("Kiến nghị quá hạn trả lời") < text.index("đến hạn trả lời hôm nay") < text.index("sắp đến hạn")
    for assignment in (soon, today, late):
        assert f"Kiến nghị số {assignment.petition.number} (hội nghị 2024)" in text
    assert "https://doithoai.example.gov.vn/" in text
    assert 'href="https://doithoai.example.gov.vn/' in digest.body_html
    assert sorted(i["item"] for i in digest.items) == sorted(f"assignment:{a.pk}" for a in (soon, today, late))
    # Two officers of the agency, one digest each; nobody else.
    assert result.emails == 2
    assert set(OutgoingEmail.objects.values_list("recipient", flat=True)) == {world.officer.pk, world.officer2.pk}


def test_a_second_pass_the_same_day_sends_and_records_nothing(world, assign):
    assign(world.labour, date(2024, 11, 19))
    assign(world.finance, date(2024, 11, 13))
    first = run_pass(day=DAY)
    counts = (OutgoingEmail.objects.count(), Notification.objects.count(), ReminderRecord.objects.count())
    second = run_pass(day=DAY)
    assert first.emails == 4  # two labour officers, the finance officer, Home Affairs (escalation)
    assert second.emails == 0 and second.reminders == 0
    assert (OutgoingEmail.objects.count(), Notification.objects.count(), ReminderRecord.objects.count()) == counts


def test_the_next_day_brings_only_the_new_stage(world, assign):
    assignment = assign(world.labour, date(2024, 11, 21))
    run_pass(day=DAY)
    run_pass(day=date(2024, 11, 21))
    digests = OutgoingEmail.objects.filter(recipient=world.officer).order_by("dedupe_key")
    assert [d.dedupe_key for d in digests] == [
        f"digest:2024-11-20:user:{world.officer.pk}:1",
        f"digest:2024-11-21:user:{world.officer.pk}:1",
    ]
    assert [d.items for d in digests] == [
        [{"item": f"assignment:{assignment.pk}", "stage": "due_soon"}],
        [{"item": f"assignment:{assignment.pk}", "stage": "due_today"}],
    ]


def test_new_items_found_later_the_same_day_go_in_a_second_digest_not_lost(world, assign):
    assign(world.labour, date(2024, 11, 19))
    run_pass(day=DAY)
    assign(world.labour, DAY)
    run_pass(day=DAY)
    keys = sorted(OutgoingEmail.objects.filter(recipient=world.officer).values_list("dedupe_key", flat=True))
    assert keys == [f"digest:2024-11-20:user:{world.officer.pk}:{n}" for n in (1, 2)]


def test_a_person_without_an_email_address_gets_in_app_notifications_only(world, assign):
    world.officer2.email = ""
    world.officer2.save()
    assignment = assign(world.labour, date(2024, 11, 19))
    run_pass(day=DAY)
    assert not OutgoingEmail.objects.filter(recipient=world.officer2).exists()
    note = Notification.objects.get(user=world.officer2)
    assert note.dedupe_key == f"assignment:{assignment.pk}:overdue:1"
    assert note.read_at is None


def test_user_text_is_escaped_in_the_html_part(world, assign):
    assignment = assign(world.labour, date(2024, 12, 20))
    AnswerFactory(
        petition=assignment.petition,
        assignment=assignment,
        agency=world.labour,
        state=AnswerState.RETURNED,
        review_comment='<script>alert("x")</script> & bổ sung',
    )
    run_pass(day=DAY)
    digest = _digest(world.officer)
    assert "<script>" not in digest.body_html
    assert "&lt;script&gt;" in digest.body_html
    assert '<script>alert("x")</script> & bổ sung' in digest.body_text


def test_the_digest_is_delivered_through_the_outbox(world, assign, mailoutbox):
    assign(world.labour, date(2024, 11, 19))
    run_pass(day=DAY)
    for pk in outbox.sweep(publish_rows=False).queued:
        outbox.deliver(pk)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([world.officer.email, world.officer2.email])
    assert all(m.alternatives for m in mailoutbox)
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {EmailState.SENT}


@pytest.mark.django_db(transaction=True)
def test_two_passes_at_the_same_time_send_one_digest_per_person(world, assign):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises whole-database writes anyway")
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    for due in (date(2024, 11, 19), DAY, date(2024, 11, 13)):
        assign(world.labour, due)

    def one_pass():
        try:
            return run_pass(day=DAY).emails
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _i: one_pass(), range(2)))
    assert sum(results) == 3  # two officers + Home Affairs, whichever pass got there first
    assert OutgoingEmail.objects.filter(kind="digest").count() == 3
    assert ReminderRecord.objects.filter(user=world.officer).count() == 3


def test_escalations_reach_home_affairs_as_one_in_app_entry_per_agency(world, assign):
    for _n in range(3):
        assign(world.labour, date(2024, 11, 12))
    assign(world.finance, date(2024, 11, 12))
    run_pass(day=DAY)
    notes = Notification.objects.filter(user=world.home_affairs).order_by("text")
    assert [n.text for n in notes] == [
        "Sở Lao động: 3 việc quá hạn từ 5 ngày làm việc trở lên",
        "Sở Tài chính: 1 việc quá hạn từ 5 ngày làm việc trở lên",
    ]
    assert notes[0].url == f"/ket-luan/theo-doi/?agency={world.labour.pk}&only_overdue=on"
    # ...while each item is still recorded once for Home Affairs.
    assert ReminderRecord.objects.filter(user=world.home_affairs, stage="escalated:5").count() == 4


def test_a_long_digest_lists_the_first_items_of_each_section_and_links_to_the_rest(world, assign, settings):
    from conferences.notifications import reminders

    settings.SITE_URL = "https://doithoai.example.gov.vn"
    for _n in range(reminders.DIGEST_SECTION_LIMIT + 5):
        assign(world.labour, date(2024, 11, 19))
    run_pass(day=DAY)
    digest = _digest(world.officer)
    assert f"Kiến nghị quá hạn trả lời ({reminders.DIGEST_SECTION_LIMIT + 5})" in digest.body_text
    assert digest.body_text.count("quá hạn 1 ngày làm việc") == reminders.DIGEST_SECTION_LIMIT
    assert "... và 5 việc khác: https://doithoai.example.gov.vn/ket-luan/thong-bao-cua-toi/" in digest.body_text
    assert len(digest.items) == reminders.DIGEST_SECTION_LIMIT + 5
    assert Notification.objects.filter(user=world.officer).count() == reminders.DIGEST_SECTION_LIMIT + 5
