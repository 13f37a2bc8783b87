"""Conclusion tasks: owner, progress reports, Home Affairs' acceptance or request for more."""

from datetime import date

import pytest

from conclusions.followup.services import (
    FollowupConflict,
    FollowupError,
    directive_accept_completion,
    directive_report_progress,
    directive_request_more,
    directive_set_owner,
)
from conclusions.models import DirectiveStatus
from conferences.models import AuditEvent, Notification, OutgoingEmail

pytestmark = pytest.mark.django_db


def _report(directive, user, *, done=False, percent=40, text="Đã ban hành kế hoạch triển khai."):
    return directive_report_progress(
        directive=directive, text=text, percent=percent, reports_completion=done, actor=user
    )


def test_a_first_progress_report_starts_the_task_and_is_audited(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    report = _report(directive, world.officer)
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.IN_PROGRESS
    assert directive.progress_percent == 40 and report.percent == 40
    event = AuditEvent.objects.get(action="directive.progress")
    assert event.actor == world.officer and event.target_id == directive.pk


def test_reporting_completion_hands_the_task_to_home_affairs(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    _report(directive, world.officer, done=True, percent=70)
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.REPORTED_DONE and directive.progress_percent == 100
    note = Notification.objects.get(user=world.home_affairs, kind="directive_reported")
    assert "Sở Lao động báo cáo hoàn thành nhiệm vụ" in note.text


def test_no_further_report_is_taken_while_home_affairs_reviews(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    _report(directive, world.officer, done=True)
    with pytest.raises(FollowupConflict):
        _report(directive, world.officer2)
    assert directive.progress_reports.count() == 1


def test_an_empty_report_or_a_bad_percentage_is_refused(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    with pytest.raises(FollowupError):
        _report(directive, world.officer, text="   ")
    with pytest.raises(FollowupError):
        _report(directive, world.officer, percent=120)
    assert directive.progress_reports.count() == 0


def test_home_affairs_accepts_completion(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    report = _report(directive, world.officer, done=True)
    directive_accept_completion(
        directive=directive, report_id=report.pk, comment="Đạt yêu cầu.", actor=world.home_affairs
    )
    directive.refresh_from_db()
    report.refresh_from_db()
    assert directive.status == DirectiveStatus.DONE and directive.completed_at is not None
    assert report.review_comment == "Đạt yêu cầu."
    assert AuditEvent.objects.filter(action="directive.accept", actor=world.home_affairs).exists()


def test_home_affairs_asks_for_more_and_the_agency_is_emailed(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    report = _report(directive, world.officer, done=True)
    directive_request_more(
        directive=directive,
        report_id=report.pk,
        comment="Bổ sung danh sách thanh niên được hỗ trợ.",
        actor=world.home_affairs,
    )
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.IN_PROGRESS
    emails = OutgoingEmail.objects.filter(kind="directive_returned")
    assert sorted(e.recipient_id for e in emails) == sorted([world.officer.pk, world.officer2.pk])
    assert "Bổ sung danh sách thanh niên được hỗ trợ." in emails[0].body_text


def test_asking_for_more_needs_a_comment(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    report = _report(directive, world.officer, done=True)
    with pytest.raises(FollowupError):
        directive_request_more(directive=directive, report_id=report.pk, comment=" ", actor=world.home_affairs)
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.REPORTED_DONE


def test_a_review_of_an_outdated_report_is_refused_and_changes_nothing(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    first = _report(directive, world.officer, done=True)
    directive_request_more(directive=directive, report_id=first.pk, comment="Bổ sung.", actor=world.home_affairs)
    second = _report(directive, world.officer, done=True, text="Đã bổ sung.")
    # A second reviewer still looking at the first report:
    with pytest.raises(FollowupConflict):
        directive_accept_completion(directive=directive, report_id=first.pk, comment="", actor=world.home_affairs)
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.REPORTED_DONE
    directive_accept_completion(directive=directive, report_id=second.pk, comment="", actor=world.home_affairs)
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.DONE


def test_home_affairs_gives_the_task_an_owner_who_is_emailed(world, task):
    directive = task(None, date(2024, 12, 31))
    directive_set_owner(directive=directive, agency=world.finance, expected_agency_id=None, actor=world.home_affairs)
    directive.refresh_from_db()
    assert directive.agency == world.finance
    assert OutgoingEmail.objects.filter(kind="directive_assigned", recipient=world.finance_officer).count() == 1
    assert AuditEvent.objects.filter(action="directive.set_owner").count() == 1


def test_changing_the_owner_from_a_stale_page_is_refused(world, task):
    directive = task(world.labour, date(2024, 12, 31))
    directive_set_owner(
        directive=directive, agency=world.finance, expected_agency_id=world.labour.pk, actor=world.home_affairs
    )
    with pytest.raises(FollowupConflict):
        directive_set_owner(
            directive=directive, agency=world.labour, expected_agency_id=world.labour.pk, actor=world.home_affairs
        )
    directive.refresh_from_db()
    assert directive.agency == world.finance
