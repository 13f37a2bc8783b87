"""The notice page costs the same whatever the size of the appendix: it shows the first rows and the size of each
issue group; the files carry the whole appendix."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conclusions.notices.drafting import notice_draft_from_conference

pytestmark = pytest.mark.django_db

# session, user, membership, agency, unit; the notice (getter); the notice read for the document: notice, sections,
# tasks, appendices and their issue groups, the drafted opening's figures (sites, petitions, issue groups: it follows
# the conference's data until the clerk edits it), the list deciding each row's appendix and place, preview
# petitions, merged duplicates, answers; notifications bell; unlisted petitions, render jobs, sections and tasks to
# edit, appendices to edit and their groups, revisions
NOTICE_PAGE_QUERIES = 29  # with the dialogue day's two counts (opening, appendix marks), the last issue job


def _petitions(world, count, start=0):
    for i in range(start, start + count):
        world.petition(f"Câu hỏi số {i + 1} về vốn?", group=world.groups[i % 2], answer=f"- Trả lời {i + 1}.")


def _queries(client, notice) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("conclusions:notice_detail", args=[notice.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_notice_page_costs_the_same_queries_for_two_and_for_eighty_appendix_rows(client, world, settings):
    settings.NOTICE_LARGE_APPENDIX_ROWS = 1000
    _petitions(world, 2)
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    client.force_login(world.officer)
    _queries(client, notice)  # warm the session
    few, _ = _queries(client, notice)
    _petitions(world, 78, start=2)
    many, content = _queries(client, notice)
    assert few == many == NOTICE_PAGE_QUERIES
    # Groups alternate: group I holds the odd questions (40 rows), group II the even ones; 60 rows are shown.
    assert "Câu hỏi số 79 về vốn?" in content and "Câu hỏi số 40 về vốn?" in content
    assert "Câu hỏi số 42 về vốn?" not in content
    # The group headings count the whole appendix, not the rows shown.
    assert "I. GIẢI PHÁP, CƠ CHẾ HỖ TRỢ VỐN (40)" in content and "II. ĐÀO TẠO NGHỀ, VIỆC LÀM (40)" in content
    assert "Chỉ hiển thị 60 dòng đầu" in content
