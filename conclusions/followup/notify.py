"""Immediate notifications of the follow-up of conclusion tasks: owner assigned, report returned or reported."""

from django.utils.translation import gettext as _

from conferences.notifications.tell import in_vietnamese, officers_of, tell, url_or_blank

from ..models import Directive, DirectiveProgress


@in_vietnamese
def directive_assigned(directive_id: int) -> int:
    """A conclusion task got (or changed) its owner agency: tell that agency's officers (in-app + email)."""
    directive = Directive.objects.select_related("notice__conference", "agency").filter(pk=directive_id).first()
    if directive is None or directive.agency_id is None:
        return 0
    text = _("Cơ quan được giao nhiệm vụ theo Thông báo kết luận %(number)s: %(task)s") % {
        "number": directive.notice.number_label.strip(),
        "task": directive.text[:300],
    }
    return tell(
        officers_of(directive.agency_id),
        kind="directive_assigned",
        item_key=f"directive:{directive.pk}",
        stage=f"owner:{directive.agency_id}",
        text=text,
        url=url_or_blank("conclusions:directive_detail", pk=directive.pk),
        email_context={"directive": directive, "conference": directive.notice.conference},
    )


@in_vietnamese
def directive_returned(directive_id: int, report_id: int) -> int:
    """Home Affairs did not accept a completion report and asked for more: tell the owner's officers."""
    directive = Directive.objects.select_related("notice__conference", "agency").filter(pk=directive_id).first()
    report = DirectiveProgress.objects.filter(pk=report_id, directive_id=directive_id).first()
    if directive is None or report is None or directive.agency_id is None:
        return 0
    text = _("Nhiệm vụ chưa được xác nhận hoàn thành, đề nghị bổ sung: %(comment)s") % {
        "comment": report.review_comment
    }
    return tell(
        officers_of(directive.agency_id),
        kind="directive_returned",
        item_key=f"directive:{directive.pk}",
        stage=f"more:{report.pk}",
        text=text,
        url=url_or_blank("conclusions:directive_detail", pk=directive.pk),
        email_context={"directive": directive, "report": report, "conference": directive.notice.conference},
    )


@in_vietnamese
def directive_reported(directive_id: int, report_id: int, home_affairs) -> int:
    """An agency reported a task complete: tell Home Affairs in-app (they see it in their digest too)."""
    directive = Directive.objects.select_related("agency").filter(pk=directive_id).first()
    if directive is None:
        return 0
    text = _("%(agency)s báo cáo hoàn thành nhiệm vụ: %(task)s") % {
        "agency": directive.agency or "",
        "task": directive.text[:300],
    }
    return tell(
        home_affairs,
        kind="directive_reported",
        item_key=f"directive:{directive.pk}",
        stage=f"reported:{report_id}",
        text=text,
        url=url_or_blank("conclusions:directive_detail", pk=directive.pk),
    )
