"""Template helpers of the answering journey: answer text, the home page cards, the conference page's actions, the
petition page's answering card, audit labels and names."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.people import display_name
from conferences.permissions import membership_of
from petitions import answer_text

from ..models import Answer, Assignment, AssignmentStatus
from ..permissions import (
    answers_visible_to,
    assignments_visible_to,
    can_manage_answering,
    can_use_inbox,
    can_view_answering_dashboard,
    capabilities,
)

register = template.Library()


@register.filter
def answer_html(text: str):
    """Escape, then give structure: paragraphs, bullet lists, starred sub-headings."""
    return answer_text.render(text)


@register.filter
def answer_excerpt(text: str, length: int = 160) -> str:
    return answer_text.excerpt(text, int(length))


def _officer_counts(membership, today) -> dict:
    mine = Assignment.objects.for_inbox(membership.agency)
    counts = {
        "pending": mine.pending_with_agency().count(),
        "overdue": mine.overdue_with_agency(today).count(),
        "returned": mine.returned_for_revision().count(),
    }
    if membership.is_head and membership.agency.requires_head_approval:
        counts["head"] = Answer.objects.awaiting_head(membership.agency).count()
    return counts


@register.simple_tag
def answering_home_counts(user) -> dict:
    """Counts for the home page cards: an officer's pending/overdue/returned items, Home Affairs' review queue.
    Each is one count over what the user may see."""
    today = timezone.localdate()
    if can_use_inbox(user):
        return _officer_counts(membership_of(user), today)
    if capabilities(user)["manage_answering"]:
        assignments = assignments_visible_to(user)
        return {
            "waiting": answers_visible_to(user).awaiting_review().count(),
            "declined": assignments.filter(status=AssignmentStatus.DECLINED).count(),
            "overdue": assignments.overdue_with_agency(today).count(),
        }
    return {}


@register.simple_tag
def answering_access(user, conference) -> dict:
    """What the conference page may offer: the board and dashboard (view), assigning and reviewing (manage)."""
    return {
        "manage": can_manage_answering(user, conference),
        "view": can_view_answering_dashboard(user, conference),
    }


@register.filter
def get_item(mapping, key):
    """{{ counts|get_item:key }} for the dashboard's per-stage columns."""
    return mapping.get(key, 0) if mapping else 0


AUDIT_LABELS = {
    "assignment.create": _("Giao trả lời"),
    "assignment.bulk_create": _("Giao cả nhóm vấn đề"),
    "assignment.withdraw": _("Thu hồi để giao lại"),
    "assignment.decline": _("Cơ quan từ chối"),
    "assignment.reinstate": _("Nội vụ giữ nguyên phân công"),
    "assignment.deadline_recomputed": _("Tính lại hạn theo lịch nghỉ mới"),
    "answer.create": _("Bắt đầu soạn trả lời"),
    "answer.save": _("Lưu bản nháp"),
    "answer.submit": _("Gửi trả lời"),
    "answer.head_approve": _("Lãnh đạo cơ quan duyệt"),
    "answer.head_return": _("Lãnh đạo cơ quan trả lại"),
    "answer.return": _("Nội vụ trả lại để sửa"),
    "answer.reopen": _("Nội vụ mở lại trả lời đã duyệt"),
    "answer.approve": _("Nội vụ duyệt"),
    "answer.publish": _("Công bố"),
    "answer.on_the_spot": _("Trả lời tại hội nghị"),
}


@register.filter
def audit_label(action: str) -> str:
    return AUDIT_LABELS.get(action, action)


@register.filter
def person(user) -> str:
    """'Trần Thị Lan': family name first, as Vietnamese names are written."""
    return display_name(user) if user else ""


@register.simple_tag
def petition_answering_panel(user, petition) -> dict:
    """The petition page's answering card: the assignments and answers the user may see (Home Affairs, leaders);
    Youth Union staff, who see no assignments, see the published answers only."""
    assignments = list(
        assignments_visible_to(user)
        .filter(petition=petition)
        .select_related("lead_agency", "sub_question", "answer__agency")
        .prefetch_related("coordinating_agencies")
        .order_by("sub_question__position", "assigned_at", "pk")
    )
    published = []
    if not assignments:
        published = list(
            Answer.objects.filter(petition=petition)
            .published()
            .select_related("agency", "sub_question")
            .order_by("sub_question__position", "pk")
        )
    return {
        "assignments": assignments,
        "published": published,
        "manage": petition.accepts_assignment and can_manage_answering(user, petition.conference),
        "today": timezone.localdate(),
    }
