"""At issue the number comes from the portal's register or from the clerk's (văn thư): the clerk types the number and
the date the register gave, a date in the past included; a number the body already issued with that symbol that
year is refused with a message; the portal's register continues after the clerk's numbers."""

from datetime import date

import pytest
from django.urls import reverse

from conclusions.errors import NoticeError
from conclusions.models import NumberSource
from conclusions.notices.issuing import notice_issue
from conferences.models import AuditEvent

from .test_numbering import _ready

pytestmark = pytest.mark.django_db


def test_the_clerks_number_and_past_date_number_the_notice_and_the_portal_register_follows(world):
    issued = notice_issue(notice=_ready(world), actor=world.officer, issue_date=date(2024, 4, 12), register_number=1428)
    assert (issued.number_label, issued.issue_date, issued.number_source) == (
        "1428/TB-UBND",
        date(2024, 4, 12),
        NumberSource.CLERK,
    )
    event = AuditEvent.objects.get(action="notice.issue", target_id=issued.pk)
    assert event.data["number_source"] == "clerk"
    following = notice_issue(notice=_ready(world), actor=world.officer, issue_date=date(2024, 4, 15))
    assert (following.number, following.number_source) == (1429, NumberSource.PORTAL)


def test_a_number_already_issued_that_year_is_refused_and_nothing_is_issued(world):
    notice_issue(notice=_ready(world), actor=world.officer, issue_date=date(2024, 4, 12), register_number=7)
    again = _ready(world)
    with pytest.raises(NoticeError, match="Số 7/TB-UBND năm 2024 đã được cấp"):
        notice_issue(notice=again, actor=world.officer, issue_date=date(2024, 5, 2), register_number=7)
    again.refresh_from_db()
    assert again.is_draft and again.number is None
    # The register runs per calendar year: the same number is free again the next year.
    next_year = notice_issue(notice=again, actor=world.officer, issue_date=date(2025, 1, 3), register_number=7)
    assert (next_year.number, next_year.number_year) == (7, 2025)


def test_a_future_issue_date_is_refused(world):
    with pytest.raises(NoticeError, match="không được sau ngày hôm nay"):
        notice_issue(notice=_ready(world), actor=world.officer, issue_date=date(2999, 1, 1), register_number=3)


def test_the_issue_page_offers_both_registers_and_asks_for_the_clerks_number(client, world):
    notice = _ready(world)
    client.force_login(world.officer)
    url = reverse("conclusions:notice_issue", args=[notice.pk])
    page = client.get(url).content.decode()
    assert "Số tiếp theo của sổ trên cổng: 1/TB-UBND" in page and "Số do văn thư cấp" in page
    form = {"lock_version": notice.lock_version, "issue_date": "12/04/2024", "confirm": "on", "numbering": "clerk"}
    refused = client.post(url, form)
    assert refused.status_code == 200 and "Nhập số văn bản do văn thư cấp." in refused.content.decode()
    issued = client.post(url, {**form, "register_number": "1428"})
    assert issued.status_code == 302
    notice.refresh_from_db()
    assert notice.number_label == "1428/TB-UBND" and notice.issue_date == date(2024, 4, 12)
