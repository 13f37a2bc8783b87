"""Issuing fixes number and date, stores the files with the PDF's hash, publishes, and freezes the notice;
a correction is a new revision and the issued one stays downloadable."""

import hashlib
from datetime import date

import pytest
from django.urls import reverse

from conclusions.errors import NoticeError
from conclusions.models import ConclusionNotice, NoticeState
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.editing import notice_section_save, notice_update
from conclusions.notices.issuing import notice_issue
from conclusions.notices.revising import notice_new_revision
from conferences.audit import history_for
from conferences.models import ConferenceStatus
from petitions.models import AnswerState, PetitionStatus

from .pdfs import all_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    world.petition("Đề nghị hỗ trợ vốn vay khởi nghiệp?", answer="Ngân hàng Chính sách xã hội cho vay.")
    world.petition("Chưa có trả lời được duyệt?", answer="Bản nháp.", state=AnswerState.SUBMITTED,
                   status=PetitionStatus.FORWARDED)  # fmt: skip
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    notice_update(
        notice=notice,
        changes={"signer_name": "Nguyễn Văn A"},
        expected_version=notice.lock_version,
        actor=world.officer,
    )
    return ConclusionNotice.objects.get(pk=notice.pk)


def test_issuing_numbers_dates_stores_hashes_publishes_and_concludes(world, draft):
    issued = notice_issue(notice=draft, actor=world.officer, issue_date=date(2024, 4, 5))
    assert issued.state == NoticeState.ISSUED and issued.number_label == "1/TB-UBND"
    with issued.pdf.open("rb") as handle:
        pdf = handle.read()
    assert issued.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert issued.docx.name.endswith(".docx") and issued.xlsx.name.endswith(".xlsx")
    text = all_text(pdf)
    assert "Số: 1/TB-UBND" in text and "ngày 05 tháng 4 năm 2024" in text and "DỰ THẢO" not in text
    assert "(Kèm theo Thông báo số 1/TB-UBND ngày 05/4/2024 của UBND tỉnh Thử Nghiệm)" in text
    assert issued.published_at is not None
    answered, waiting = world.conference.petitions.order_by("number")
    answered.refresh_from_db()
    waiting.refresh_from_db()
    assert answered.status == PetitionStatus.PUBLISHED and answered.published_at
    assert answered.answers.get().state == AnswerState.PUBLISHED
    assert waiting.status == PetitionStatus.FORWARDED  # not approved: neither published nor in the appendix
    assert "Chưa có trả lời được duyệt" not in text
    world.conference.refresh_from_db()
    assert world.conference.status == ConferenceStatus.CONCLUDED
    assert "notice.issue" in [event.action for event in history_for(issued)]


def test_an_issued_notice_cannot_be_edited(world, draft):
    issued = notice_issue(notice=draft, actor=world.officer, issue_date=date(2024, 4, 5))
    with pytest.raises(NoticeError):
        notice_update(
            notice=issued, changes={"title": "Khác"}, expected_version=issued.lock_version, actor=world.officer
        )
    with pytest.raises(NoticeError):
        notice_section_save(
            notice=issued, heading="Thêm", body="", expected_version=issued.lock_version, actor=world.officer
        )
    issued.refresh_from_db()
    assert issued.title != "Khác" and issued.sections.count() == 2


def test_a_draft_that_lacks_the_signer_cannot_be_issued(world):
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    with pytest.raises(NoticeError, match="họ tên người ký"):
        notice_issue(notice=notice, actor=world.officer)
    notice.refresh_from_db()
    assert notice.is_draft and notice.number is None


def test_a_correction_is_a_new_revision_that_supersedes_the_old_when_issued(world, draft, client):
    first = notice_issue(notice=draft, actor=world.officer, issue_date=date(2024, 4, 5))
    with first.pdf.open("rb") as handle:
        first_pdf = handle.read()
    second = notice_new_revision(notice=first, actor=world.officer)
    assert (second.revision, second.supersedes_id, second.is_draft) == (2, first.pk, True)
    assert second.sections.count() == first.sections.count()
    assert second.directives.count() == first.directives.count()
    with pytest.raises(NoticeError):
        notice_new_revision(notice=first, actor=world.officer)  # one correction at a time
    notice_update(
        notice=second, changes={"title": "Kết luận (đã đính chính)"}, expected_version=second.lock_version,
        actor=world.officer,
    )  # fmt: skip
    second = notice_issue(notice=second, actor=world.officer, issue_date=date(2024, 4, 9))
    first.refresh_from_db()
    assert first.state == NoticeState.SUPERSEDED and second.number == 2
    client.force_login(world.youth)
    response = client.get(reverse("conclusions:notice_download", args=[first.pk, "pdf"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == first_pdf
