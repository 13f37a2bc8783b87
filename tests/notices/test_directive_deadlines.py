"""Tasks carry their deadline kind; the notice text states it, and issuing computes the due date."""

from datetime import date

import pytest

from conclusions.errors import NoticeError
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.editing import DirectiveData, directive_save
from conclusions.notices.issuing import notice_issue
from conferences.deadlines import DeadlineRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    notice.signer_name = "Nguyễn Văn A"
    notice.save()
    return notice


def _save(world, notice, **fields):
    section = notice.sections.order_by("position").last()
    data = DirectiveData(heading="Sở Lao động", text="Chủ trì nghiên cứu chính sách.", agency=world.department)
    for name, value in fields.items():
        setattr(data, name, value)
    notice.refresh_from_db()
    return directive_save(
        notice=notice, section=section, data=data, expected_version=notice.lock_version, actor=world.officer
    )


def test_working_days_deadline_is_stated_in_the_text_and_computed_at_issue(world, draft):
    task = _save(world, draft, deadline_kind=DeadlineRule.WORKING_DAYS, deadline_days=45)
    assert task.text.endswith("Thời gian thực hiện chậm nhất sau 45 ngày làm việc kể từ ngày ban hành Thông báo.")
    assert task.due_date is None
    draft.refresh_from_db()
    notice_issue(notice=draft, actor=world.officer, issue_date=date(2024, 4, 12))
    task.refresh_from_db()
    assert task.due_date == date(2024, 6, 19)  # DOMAIN.md: 45 working days after 12/04/2024
    assert task.due_explanation


def test_within_the_year_and_fixed_date_and_next_conference_deadlines(world, draft):
    within = _save(world, draft, deadline_kind=DeadlineRule.END_OF_YEAR)
    fixed = _save(world, draft, deadline_kind=DeadlineRule.FIXED_DATE, deadline_date=date(2024, 6, 30))
    later = _save(world, draft, deadline_kind=DeadlineRule.NEXT_CONFERENCE)
    assert within.text.endswith("Thời hạn hoàn thành: trong năm 2024.")
    assert fixed.text.endswith("Thời hạn hoàn thành: trước ngày 30/06/2024.") and fixed.due_date == date(2024, 6, 30)
    assert later.text.endswith("Báo cáo kết quả tại Hội nghị đối thoại với thanh niên năm 2025.")
    draft.refresh_from_db()
    notice_issue(notice=draft, actor=world.officer, issue_date=date(2024, 4, 12))
    within.refresh_from_db()
    later.refresh_from_db()
    assert within.due_date == date(2024, 12, 31)
    assert later.due_date is None and "2025" in later.due_explanation


def test_a_deadline_the_text_already_states_is_not_repeated(world, draft):
    task = _save(
        world,
        draft,
        text="Tham mưu thành lập quỹ hỗ trợ khởi nghiệp, yêu cầu hoàn thành trong năm 2024.",
        deadline_kind=DeadlineRule.END_OF_YEAR,
    )
    assert task.text == "Tham mưu thành lập quỹ hỗ trợ khởi nghiệp, yêu cầu hoàn thành trong năm 2024."


def test_a_fixed_deadline_without_a_date_is_refused_and_nothing_is_saved(world, draft):
    before = draft.directives.count()
    with pytest.raises(NoticeError, match="Chọn ngày hết hạn"):
        _save(world, draft, deadline_kind=DeadlineRule.FIXED_DATE)
    assert draft.directives.count() == before
