"""Writes of the follow-up journey: who owns a conclusion task, progress reports, Home Affairs' review.
Keyword-only, atomic, audited; notifications go through conclusions.followup.notify inside the same transaction, so
the outbox row commits with the change that caused it. Refusals are `FollowupError`, and a change made by someone
else since the page was loaded is `FollowupConflict` (conclusions.errors)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.models import Agency, Role

from ..errors import FollowupConflict, FollowupError
from ..models import Directive, DirectiveProgress, DirectiveStatus
from . import notify


def _locked(directive: Directive) -> Directive:
    return (
        Directive.objects.select_for_update(of=("self",))
        .select_related("notice__conference", "agency")
        .get(pk=directive.pk)
    )


def _latest_report_id(directive: Directive) -> int | None:
    return directive.progress_reports.order_by("-created_at", "-id").values_list("pk", flat=True).first()


def home_affairs_of(directive: Directive):
    """Home Affairs staff of the conference's organising unit, or of the nearest unit above it that has any."""
    unit = directive.notice.conference.organising_unit
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    users = (
        get_user_model()
        .objects.filter(is_active=True, membership__role=Role.HOME_AFFAIRS, membership__agency__unit_id__in=ancestors)
        .select_related("membership__agency__unit")
    )
    by_depth: dict[int, list] = {}
    for user in users:
        by_depth.setdefault(ancestors.index(user.membership.agency.unit_id), []).append(user)
    return by_depth[max(by_depth)] if by_depth else []


def directive_set_owner(*, directive: Directive, agency: Agency, expected_agency_id: int | None, actor) -> Directive:
    """Home Affairs gives the task an owner agency (or moves it). Tells the new owner's officers."""
    with transaction.atomic():
        directive = _locked(directive)
        if directive.agency_id != expected_agency_id:
            raise FollowupConflict(
                _("Cơ quan chủ trì nhiệm vụ vừa được người khác thay đổi. Vui lòng xem lại."), current=directive
            )
        if directive.is_finished:
            raise FollowupError(_("Nhiệm vụ đã kết thúc, không giao lại được."))
        if directive.agency_id == agency.pk:
            return directive
        previous = directive.agency
        directive.agency = agency
        directive.save(update_fields=["agency"])
        record(
            actor=actor,
            action="directive.set_owner",
            target=directive,
            conference=directive.notice.conference,
            message=_("Giao %(new)s chủ trì (trước đó: %(old)s)") % {"new": agency, "old": previous or "—"},
            agency=agency.pk,
            previous=previous.pk if previous else None,
        )
        notify.directive_assigned(directive.pk)
    return directive


def directive_report_progress(
    *, directive: Directive, text: str, percent: int, reports_completion: bool, attachment=None, actor
) -> DirectiveProgress:
    """The owner agency reports progress; reporting completion hands the task to Home Affairs for review."""
    text = text.strip()
    if not text:
        raise FollowupError(_("Nhập nội dung báo cáo."))
    if not 0 <= percent <= 100:
        raise FollowupError(_("Tỷ lệ hoàn thành phải từ 0 đến 100%."))
    with transaction.atomic():
        directive = _locked(directive)
        if not directive.awaits_agency:
            raise FollowupConflict(
                _("Nhiệm vụ đang ở trạng thái “%(s)s”, không nhận thêm báo cáo.")
                % {"s": directive.get_status_display()},
                current=directive,
            )
        report = DirectiveProgress(
            directive=directive,
            author=actor,
            text=text,
            percent=100 if reports_completion else percent,
            reports_completion=reports_completion,
        )
        if attachment is not None:
            # A CheckedUpload (petitions.forms.intake.check_attachment): stored under the type read from its bytes.
            attachment.file.seek(0)
            report.attachment.save(f"bao-cao.{attachment.extension}", File(attachment.file), save=False)
            report.attachment_name = attachment.original_name[:255]
            report.attachment_type = attachment.content_type
        report.save()
        if reports_completion:
            directive.set_status(DirectiveStatus.REPORTED_DONE)
        elif directive.status == DirectiveStatus.OPEN:
            directive.set_status(DirectiveStatus.IN_PROGRESS)
        directive.progress_percent = report.percent
        directive.save(update_fields=["status", "progress_percent"])
        record(
            actor=actor,
            action="directive.report_done" if reports_completion else "directive.progress",
            target=directive,
            conference=directive.notice.conference,
            message=text[:500],
            percent=report.percent,
            report=report.pk,
        )
        if reports_completion:
            notify.directive_reported(directive.pk, report.pk, home_affairs_of(directive))
    return report


def _review(directive: Directive, report_id: int) -> Directive:
    directive = _locked(directive)
    if directive.status != DirectiveStatus.REPORTED_DONE or _latest_report_id(directive) != report_id:
        raise FollowupConflict(
            _("Nhiệm vụ vừa được người khác xử lý hoặc có báo cáo mới. Vui lòng xem lại trước khi xác nhận."),
            current=directive,
        )
    return directive


def directive_accept_completion(*, directive: Directive, report_id: int, comment: str, actor) -> Directive:
    """Home Affairs confirms the task is done (the report it read is still the latest)."""
    with transaction.atomic():
        directive = _review(directive, report_id)
        directive.set_status(DirectiveStatus.DONE)
        directive.completed_at = timezone.now()
        directive.progress_percent = 100
        directive.save(update_fields=["status", "completed_at", "progress_percent"])
        if comment.strip():
            DirectiveProgress.objects.filter(pk=report_id).update(review_comment=comment.strip())
        record(
            actor=actor,
            action="directive.accept",
            target=directive,
            conference=directive.notice.conference,
            message=comment.strip(),
            report=report_id,
        )
    return directive


def directive_request_more(*, directive: Directive, report_id: int, comment: str, actor) -> Directive:
    """Home Affairs does not accept the completion report: back to in progress, with what is missing."""
    comment = comment.strip()
    if not comment:
        raise FollowupError(_("Nhập ý kiến để cơ quan biết cần bổ sung gì."))
    with transaction.atomic():
        directive = _review(directive, report_id)
        directive.set_status(DirectiveStatus.IN_PROGRESS)
        directive.save(update_fields=["status"])
        DirectiveProgress.objects.filter(pk=report_id).update(review_comment=comment)
        record(
            actor=actor,
            action="directive.request_more",
            target=directive,
            conference=directive.notice.conference,
            message=comment,
            report=report_id,
        )
        notify.directive_returned(directive.pk, report_id)
    return directive
