"""The legal date checks of a conference, as notes the user must see (none of them forbids saving): the plan's
dates, and the limit for the conclusion notice after the dialogue (the one home of that rule: the notice's issue
checks, its page and its draft date read it here)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ..models import Conference
from ..workdays import Deadline, add_calendar_days

PLAN_NOTICE_DAYS = 30  # Decree 13/2021/NĐ-CP: the plan is published at least 30 days before the dialogue.
YOUTH_MONTH = 3  # March, Youth Month: the default month of the dialogue.
# Law on Youth 2020 Art. 10: the conclusion is published within 10 days after the dialogue, 15 for complex cases
# touching several fields. Calendar days; a last day off rolls to the next working day (Civil Code Arts. 147-148).
CONCLUSION_DAYS = 10
CONCLUSION_DAYS_COMPLEX = 15


@dataclass(frozen=True)
class DateWarning:
    code: str
    message: str


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _plan_too_late(dialogue: date | None, published: date | None) -> list[DateWarning]:
    if not (dialogue and published) or (dialogue - published).days >= PLAN_NOTICE_DAYS:
        return []
    message = _(
        "Kế hoạch công bố ngày %(published)s, chỉ %(days)s ngày trước ngày đối thoại %(dialogue)s; "
        "Nghị định 13/2021/NĐ-CP yêu cầu công bố ít nhất %(min)s ngày trước."
    ) % {
        "published": _fmt(published),
        "days": (dialogue - published).days,
        "dialogue": _fmt(dialogue),
        "min": PLAN_NOTICE_DAYS,
    }
    return [DateWarning("plan_too_late", message)]


def _outside_march(dialogue: date | None) -> list[DateWarning]:
    if not dialogue or dialogue.month == YOUTH_MONTH:
        return []
    message = _(
        "Ngày đối thoại %(dialogue)s không thuộc tháng 3 (Tháng Thanh niên). Vẫn được phép, "
        "nhưng nên ghi rõ lý do trong kế hoạch."
    ) % {"dialogue": _fmt(dialogue)}
    return [DateWarning("outside_march", message)]


def _intake_order(dialogue: date | None, site: date | None, union: date | None) -> list[DateWarning]:
    warnings = []
    for deadline, label in (
        (site, _("Hạn điểm cầu gửi kiến nghị cho Đoàn")),
        (union, _("Hạn Đoàn gửi tổng hợp cho Nội vụ")),
    ):
        if dialogue and deadline and deadline > dialogue:
            message = _("%(label)s (%(deadline)s) sau ngày đối thoại (%(dialogue)s).") % {
                "label": label,
                "deadline": _fmt(deadline),
                "dialogue": _fmt(dialogue),
            }
            warnings.append(DateWarning("intake_after_dialogue", message))
    if site and union and site > union:
        message = _("Hạn điểm cầu gửi Đoàn (%(site)s) sau hạn Đoàn gửi Nội vụ (%(union)s).") % {
            "site": _fmt(site),
            "union": _fmt(union),
        }
        warnings.append(DateWarning("site_after_union", message))
    return warnings


def conference_date_warnings(
    *,
    planned_date: date | None,
    held_on: date | None = None,
    plan_date: date | None = None,
    plan_published_on: date | None = None,
    site_intake_deadline: date | None = None,
    union_intake_deadline: date | None = None,
) -> list[DateWarning]:
    """The legal date checks, in this order:

    1. The plan is published fewer than 30 days before the dialogue.
    2. The dialogue is outside March (allowed, but worth a line in the file).
    3. An intake deadline falls after the dialogue, or the sites' deadline after the Youth Union's.
    """
    dialogue = held_on or planned_date
    return [
        *_plan_too_late(dialogue, plan_published_on or plan_date),
        *_outside_march(dialogue),
        *_intake_order(dialogue, site_intake_deadline, union_intake_deadline),
    ]


def warnings_for(conference: Conference) -> list[DateWarning]:
    return conference_date_warnings(
        planned_date=conference.planned_date,
        held_on=conference.held_on,
        plan_date=conference.plan_date,
        plan_published_on=conference.plan_published_on,
        site_intake_deadline=conference.site_intake_deadline,
        union_intake_deadline=conference.union_intake_deadline,
    )


def conclusion_due(dialogue: date, *, complex_matters: bool = False) -> Deadline:
    """The last day to issue the conclusion notice of a dialogue held on `dialogue`."""
    return add_calendar_days(dialogue, CONCLUSION_DAYS_COMPLEX if complex_matters else CONCLUSION_DAYS)


def conclusion_late(dialogue: date | None, issued_on: date, *, complex_matters: bool = False) -> DateWarning | None:
    """A warning when the notice is (to be) issued after the limit; None when in time or the dialogue date is not
    known. A late notice is still issued: the law asks for it, late or not."""
    if dialogue is None:
        return None
    due = conclusion_due(dialogue, complex_matters=complex_matters)
    if issued_on <= due.due:
        return None
    message = _(
        "Ban hành ngày %(issued)s là muộn %(late)s ngày so với hạn %(due)s: Luật Thanh niên (Điều 10) yêu cầu "
        "thông báo kết luận trong %(days)s ngày sau ngày đối thoại %(dialogue)s."
    ) % {
        "issued": _fmt(issued_on),
        "late": (issued_on - due.due).days,
        "due": _fmt(due.due),
        "days": due.count,
        "dialogue": _fmt(dialogue),
    }
    return DateWarning("conclusion_late", message)
