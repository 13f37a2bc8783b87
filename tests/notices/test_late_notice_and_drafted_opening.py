"""Issue 15 item 6. The Law on Youth's limit for the conclusion (10 days after the dialogue, 15 for complex cases;
calendar days rolled to a working day) is one rule in conferences, shown as a warning on the notice and issue pages
and recorded with the issue; the drafted opening reads the dialogue date set after drafting, a clerk's opening
stays as the clerk wrote it."""

from datetime import date

import pytest
from django.urls import reverse

from conclusions.notices.documents.content import notice_content
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.editing import notice_update
from conclusions.notices.issuing import notice_issue
from conferences.models import AuditEvent, Conference
from conferences.services import conclusion_due

from .test_numbering import _ready

pytestmark = pytest.mark.django_db


def test_the_limit_is_ten_calendar_days_after_the_dialogue_rolled_to_the_next_working_day():
    # DOMAIN.md: 10 calendar days after 23/03/2023 end on Sunday 02/04/2023, which rolls to Monday 03/04/2023.
    assert conclusion_due(date(2023, 3, 23)).due == date(2023, 4, 3)
    assert conclusion_due(date(2023, 3, 23), complex_matters=True).due == date(2023, 4, 7)


def test_a_late_issue_is_warned_on_the_issue_page_goes_through_and_is_recorded(client, world):
    notice = _ready(world)  # dialogue held on 26/03/2024: due 05/04/2024
    client.force_login(world.officer)
    url = reverse("conclusions:notice_issue", args=[notice.pk])
    page = client.get(url).content.decode()
    assert "Hạn ban hành thông báo kết luận: 05/04/2024" in page and "issue-warning" in page  # today is later
    form = {"lock_version": notice.lock_version, "issue_date": "09/04/2024"}  # no confirmation: shown again
    shown = client.post(url, form).content.decode()
    assert "Ban hành ngày 09/04/2024 là muộn 4 ngày so với hạn 05/04/2024" in shown
    assert client.post(url, {**form, "confirm": "on"}).status_code == 302
    event = AuditEvent.objects.get(action="notice.issue", target_id=notice.pk)
    assert "muộn 4 ngày" in event.data["late"][0]


def test_a_complex_case_has_fifteen_days_and_an_issue_in_time_has_no_warning(world):
    notice = _ready(world)
    notice_update(
        notice=notice, changes={"complex_matters": True}, expected_version=notice.lock_version, actor=world.officer
    )
    issued = notice_issue(notice=notice, actor=world.officer, issue_date=date(2024, 4, 9))
    assert AuditEvent.objects.get(action="notice.issue", target_id=issued.pk).data["late"] == []


def test_the_drafted_opening_reads_a_dialogue_date_set_after_drafting_and_a_clerks_opening_stays(world):
    Conference.objects.filter(pk=world.conference.pk).update(held_on=None, planned_date=None)
    world.conference.refresh_from_db()
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    assert not notice_content(notice).opening[0].spans[0].text.startswith("Ngày")
    Conference.objects.filter(pk=world.conference.pk).update(held_on=date(2024, 3, 26))
    opening = notice_content(notice).opening
    assert "".join(s.text for s in opening[0].spans).startswith("Ngày 26/3/2024, Chủ tịch UBND tỉnh đã chủ trì")
    # Saved unchanged from the form (the drafted wording as it reads today), it keeps following the conference.
    notice.refresh_from_db()
    shown = "\n".join("".join(s.text for s in p.spans) for p in opening)
    notice = notice_update(
        notice=notice, changes={"opening": shown}, expected_version=notice.lock_version, actor=world.officer
    )
    Conference.objects.filter(pk=world.conference.pk).update(held_on=date(2024, 3, 28))
    assert "".join(s.text for s in notice_content(notice).opening[0].spans).startswith("Ngày 28/3/2024")
    # A clerk's own wording is never redrafted.
    notice_update(
        notice=notice,
        changes={"opening": "Ngày 28/3/2024, Hội nghị đã diễn ra tốt đẹp."},
        expected_version=notice.lock_version,
        actor=world.officer,
    )
    Conference.objects.filter(pk=world.conference.pk).update(held_on=date(2024, 3, 29))
    texts = ["".join(s.text for s in p.spans) for p in notice_content(notice).opening]
    assert texts == ["Ngày 28/3/2024, Hội nghị đã diễn ra tốt đẹp."]
