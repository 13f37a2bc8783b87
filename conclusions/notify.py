"""Immediate notifications the workflow raises. Services call these with primary keys.

Each call tells every person concerned once: an in-app Notification, a ReminderRecord for the item and stage (so the
daily reminder pass never repeats it) and, unless the person chose digest-only or has no address, an outbox email.
Digest-only people get the item in their next daily digest instead (ReminderRecord.email stays empty until then).

Best called inside the service's transaction (the outbox row then commits with the change that caused it); called
after commit it works the same, in its own transactions. Calling twice for the same event changes nothing.
"""

import functools

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from conferences.models import Role

from . import outbox
from .models import Notification, ReminderRecord

# Stages the immediate functions write; the reminder pass folds unsent ones into digest-only people's digests.
IMMEDIATE_STAGES = ("created", "returned:", "owner:", "more:")
AGENCY_STAFF_ROLES = (Role.AGENCY_OFFICER, Role.YOUTH_UNION)


def _officers_of(agency_id: int):
    return (
        get_user_model()
        .objects.filter(is_active=True, membership__agency_id=agency_id, membership__role__in=AGENCY_STAFF_ROLES)
        .select_related("membership")
        .order_by("pk")
    )


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def display_name(user) -> str:
    """Vietnamese order: family name first ('Nguyễn Thu Hà')."""
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.username


def wants_email_now(user) -> bool:
    membership = getattr(user, "membership", None)
    return bool(user.email) and not (membership and membership.digest_only)


def _in_vietnamese(notify):
    """Notifications and emails are stored for their recipients, so they are written in Vietnamese whatever the
    acting user's interface language."""

    @functools.wraps(notify)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return notify(*args, **kwargs)

    return wrapper


def tell(
    users,
    *,
    kind: str,
    item_key: str,
    stage: str,
    text: str,
    url: str,
    email_context: dict | None = None,
) -> int:
    """Tell each user about one item at one stage, once. Returns how many people were told for the first time.

    email_context=None means in-app only; otherwise an email of template `kind` goes to those who want one now.
    """
    told = 0
    for user in users:
        with transaction.atomic():
            record, created = ReminderRecord.objects.get_or_create(user=user, item_key=item_key, stage=stage)
            if not created:
                continue  # already told this person about this event
            Notification.objects.get_or_create(
                user=user,
                dedupe_key=f"{item_key}:{stage}",
                defaults={"kind": kind, "text": text[:500], "url": url},
            )
            if email_context is not None and wants_email_now(user):
                rendered = outbox.render(
                    kind, {**email_context, "user": user, "name": display_name(user), "url": outbox.absolute_url(url)}
                )
                email, _created = outbox.enqueue(
                    recipient=user,
                    kind=kind,
                    dedupe_key=f"{item_key}:{stage}:user:{user.pk}",
                    rendered=rendered,
                    items=[{"item": item_key, "stage": stage}],
                )
                record.email = email
                record.save(update_fields=["email"])
            told += 1
    return told


@_in_vietnamese
def assignment_created(assignment_id: int) -> int:
    """A petition (or sub-question) was assigned: tell the lead agency's officers (in-app + immediate email)."""
    from petitions.models import Assignment

    assignment = (
        Assignment.objects.select_related("petition__conference", "sub_question", "lead_agency")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        return 0
    petition = assignment.petition
    text = _("Kiến nghị số %(number)s được giao cho cơ quan, hạn trả lời %(due)s.") % {
        "number": petition.number,
        "due": f"{assignment.due_date:%d/%m/%Y}",
    }
    url = _url("petitions:assignment", pk=assignment.pk) or _url("petitions:detail", pk=petition.pk)
    return tell(
        _officers_of(assignment.lead_agency_id),
        kind="assignment",
        item_key=f"assignment:{assignment.pk}",
        stage="created",
        text=text,
        url=url,
        email_context={"assignment": assignment, "petition": petition, "conference": petition.conference},
    )


@_in_vietnamese
def answer_returned(answer_id: int, revision: int) -> int:
    """Home Affairs returned an answer for revision: tell the answering agency's officers (in-app + email)."""
    from petitions.models import Answer

    answer = Answer.objects.select_related("petition__conference", "assignment").filter(pk=answer_id).first()
    if answer is None or answer.agency_id is None:
        return 0
    text = _("Trả lời kiến nghị số %(number)s bị trả lại để sửa: %(comment)s") % {
        "number": answer.petition.number,
        "comment": answer.review_comment,
    }
    url = _url("petitions:answer", pk=answer.pk) or _url("petitions:detail", pk=answer.petition_id)
    return tell(
        _officers_of(answer.agency_id),
        kind="answer_returned",
        item_key=f"answer:{answer.pk}",
        stage=f"returned:{revision}",
        text=text,
        url=url,
        email_context={"answer": answer, "petition": answer.petition, "conference": answer.petition.conference},
    )


@_in_vietnamese
def directive_assigned(directive_id: int) -> int:
    """A conclusion task got (or changed) its owner agency: tell that agency's officers (in-app + email)."""
    from .models import Directive

    directive = Directive.objects.select_related("notice__conference", "agency").filter(pk=directive_id).first()
    if directive is None or directive.agency_id is None:
        return 0
    text = _("Cơ quan được giao nhiệm vụ theo Thông báo kết luận %(number)s: %(task)s") % {
        "number": directive.notice.number_label.strip(),
        "task": directive.text[:300],
    }
    return tell(
        _officers_of(directive.agency_id),
        kind="directive_assigned",
        item_key=f"directive:{directive.pk}",
        stage=f"owner:{directive.agency_id}",
        text=text,
        url=_url("conclusions:directive_detail", pk=directive.pk),
        email_context={"directive": directive, "conference": directive.notice.conference},
    )


@_in_vietnamese
def directive_returned(directive_id: int, report_id: int) -> int:
    """Home Affairs did not accept a completion report and asked for more: tell the owner's officers."""
    from .models import Directive, DirectiveProgress

    directive = Directive.objects.select_related("notice__conference", "agency").filter(pk=directive_id).first()
    report = DirectiveProgress.objects.filter(pk=report_id, directive_id=directive_id).first()
    if directive is None or report is None or directive.agency_id is None:
        return 0
    text = _("Nhiệm vụ chưa được xác nhận hoàn thành, đề nghị bổ sung: %(comment)s") % {
        "comment": report.review_comment
    }
    return tell(
        _officers_of(directive.agency_id),
        kind="directive_returned",
        item_key=f"directive:{directive.pk}",
        stage=f"more:{report.pk}",
        text=text,
        url=_url("conclusions:directive_detail", pk=directive.pk),
        email_context={"directive": directive, "report": report, "conference": directive.notice.conference},
    )


@_in_vietnamese
def directive_reported(directive_id: int, report_id: int, home_affairs) -> int:
    """An agency reported a task complete: tell Home Affairs in-app (they see it in their digest too)."""
    from .models import Directive

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
        url=_url("conclusions:directive_detail", pk=directive.pk),
    )
