"""The notice is drafted from the day: its opening says how many questions were answered at the conference and how
many in writing, and the appendix marks which answers were given on the spot and which in writing."""

import pytest

from conclusions.notices.documents.content import notice_content
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.live_summary import IN_WRITING_MARK, live_outcome_counts
from petitions.live.services.outcomes import entry_answered, entry_in_writing
from petitions.live.services.queue import entry_put_on_air
from petitions.services.answering import answer_approve, answer_save

from .conftest import post

pytestmark = pytest.mark.django_db


def test_the_opening_counts_answers_on_the_spot_and_in_writing_and_the_appendix_marks_them(live):
    spoken = entry_put_on_air(entry=post(live, content="Hỏi tại chỗ?"), actor=live.moderator)
    entry_answered(entry=spoken, answered_by="Chủ tịch UBND tỉnh", summary="Trả lời ngay.", actor=live.moderator)
    written = entry_put_on_air(entry=post(live, content="Hỏi bằng văn bản?"), actor=live.moderator)
    entry_in_writing(entry=written, agency=live.education, actor=live.moderator)
    written.refresh_from_db()
    assert live_outcome_counts(live.conference) == (1, 1)

    answer = answer_save(assignment=written.assignment, text="Trả lời bằng văn bản.", version=0, actor=live.officer)
    answer_approve(answer=answer, actor=live.ha)
    notice = notice_draft_from_conference(conference=live.conference, actor=live.ha)
    assert (
        "; trong đó 1 kiến nghị đã được trả lời trực tiếp tại Hội nghị, 1 kiến nghị được ghi nhận và trả lời bằng "
        "văn bản (chi tiết tại Phụ lục đính kèm)." in notice.opening
    )
    rows = {row.question[0].text: row for group in notice_content(notice).appendix.groups for row in group.rows}
    spot, writing = rows["Hỏi tại chỗ?"], rows["Hỏi bằng văn bản?"]
    assert spot.answer[0].kind == "live" and spot.answer[0].text.startswith("Đã trả lời trực tiếp tại Hội nghị")
    assert [(b.kind, b.text) for b in writing.answer][:2] == [("live", IN_WRITING_MARK), ("p", "Trả lời bằng văn bản.")]


def test_without_a_live_outcome_the_opening_is_worded_as_before(world):
    notice = notice_draft_from_conference(conference=world.conference, actor=world.ha)
    assert "trong đó" not in notice.opening
    assert live_outcome_counts(world.conference) == (0, 0)
