"""Issuing numbers each notice with the next number of its issuing body's register for the year: unique, no gaps."""

import threading
from datetime import date

import pytest
from django.db import connection

from conclusions.models import ConclusionNotice, NoticeNumberSequence
from conclusions.notices import issuing
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.issuing import notice_issue
from conclusions.notices.revising import notice_new_revision

from .conftest import build_world

pytestmark = pytest.mark.django_db


def _ready(world, **fields) -> ConclusionNotice:
    """Another conference of the same province, drafted and signed, ready to issue."""
    from tests.factories import ConferenceFactory

    conference = ConferenceFactory(
        organising_unit=world.province, organiser=world.ubnd, status="held", held_on=date(2024, 3, 26), **fields
    )
    notice = notice_draft_from_conference(conference=conference, actor=world.officer)
    notice.signer_name = "Nguyễn Văn A"
    notice.save()
    return notice


def test_numbers_run_one_two_three_for_the_same_body_and_year(world):
    numbers = [
        notice_issue(notice=_ready(world), actor=world.officer, issue_date=date(2024, 4, d)).number for d in (1, 2, 3)
    ]
    assert numbers == [1, 2, 3]
    assert NoticeNumberSequence.objects.get(issuing_agency=world.ubnd, year=2024).last_number == 3


def test_a_new_year_starts_again_at_one(world):
    notice_issue(notice=_ready(world), actor=world.officer, issue_date=date(2024, 12, 30))
    first_of_2025 = notice_issue(notice=_ready(world), actor=world.officer, issue_date=date(2025, 1, 2))
    assert (first_of_2025.number, first_of_2025.number_year) == (1, 2025)


def test_a_failed_render_rolls_the_number_back_so_no_number_is_skipped(world, monkeypatch):
    notice = _ready(world)

    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(issuing, "render_notice", broken)
    with pytest.raises(RuntimeError):
        notice_issue(notice=notice, actor=world.officer, issue_date=date(2024, 4, 1))
    notice.refresh_from_db()
    assert notice.is_draft and notice.number is None
    assert not NoticeNumberSequence.objects.filter(last_number__gt=0).exists()
    monkeypatch.undo()
    assert notice_issue(notice=notice, actor=world.officer, issue_date=date(2024, 4, 1)).number == 1


def test_the_register_continues_after_a_number_already_on_record(demo):
    """Tràng Định's 1428/TB-UBND was imported with its number: the next 2024 notice of that body is 1429."""
    from django.contrib.auth import get_user_model

    trang_dinh = ConclusionNotice.objects.get(conference__slug="trang-dinh-2024")
    actor = get_user_model().objects.get(username="noivu_trangdinh")
    revision = notice_new_revision(notice=trang_dinh, actor=actor)
    revision.signer_name = "Hoàng Văn B"
    revision.save()
    issued = notice_issue(notice=revision, actor=actor, issue_date=date(2024, 4, 20))
    assert issued.number_label == "1429/TB-UBND"


def test_two_bodies_keep_separate_registers(world, db):
    other = build_world("Bình Yên")
    a = notice_issue(notice=_ready(world), actor=world.officer, issue_date=date(2024, 4, 1))
    b = notice_issue(notice=_ready(other), actor=other.officer, issue_date=date(2024, 4, 1))
    assert (a.number, b.number) == (1, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite serialises writes)")
def test_concurrent_issues_get_distinct_numbers_without_gaps(world):
    drafts = [_ready(world) for _ in range(6)]
    results, errors = [], []
    barrier = threading.Barrier(len(drafts))

    def issue(notice):
        from django.db import connections

        try:
            barrier.wait()
            results.append(notice_issue(notice=notice, actor=world.officer, issue_date=date(2024, 4, 5)).number)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(n,)) for n in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == [1, 2, 3, 4, 5, 6]
