"""Who may see and do what with questions sent online.

- Moderation: the Youth Union of the unit that holds a question's site (the same rule as logging petitions for that
  site: a district union moderates its district's and communes' sites; the union of the organising unit, all of
  them); admins too. `questions_for_moderation` is the scope, `question_for` the getter.
- Sender requests (export or erase one person's data): Home Affairs, within the conferences of its area; admins.
- The public tracking page: only the holder of the token (`question_for_token`, 404 otherwise).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from conferences.models import BridgePoint, Role
from conferences.permissions import bridge_points_visible_to, membership_of, role_of

from .models import QuestionState, YouthQuestion

MODERATORS = (Role.YOUTH_UNION, Role.ADMIN)
SENDER_REQUEST_HANDLERS = (Role.HOME_AFFAIRS, Role.ADMIN)


def moderation_sites(user) -> QuerySet[BridgePoint]:
    """The sites whose questions a user moderates (for a Youth Union: the sites it logs petitions for)."""
    role = role_of(user)
    if role == Role.ADMIN:
        return BridgePoint.objects.all()
    if role != Role.YOUTH_UNION:
        return BridgePoint.objects.none()
    return bridge_points_visible_to(user)


def questions_for_moderation(user) -> QuerySet[YouthQuestion]:
    if role_of(user) not in MODERATORS:
        return YouthQuestion.objects.none()
    if role_of(user) == Role.ADMIN:
        return YouthQuestion.objects.all()
    return YouthQuestion.objects.filter(bridge_point__in=moderation_sites(user))


def can_moderate(user) -> bool:
    return role_of(user) in MODERATORS


def can_decide(user, question: YouthQuestion) -> bool:
    """Accept, merge or decline: a confirmed question still waiting (the caller fetched it through the scope)."""
    return can_moderate(user) and question.state == QuestionState.WAITING


def question_for(user, pk, *, may=None) -> YouthQuestion:
    """A question in the user's moderation scope (404 outside it, 403 when `may(user, question)` says no)."""
    question = (
        questions_for_moderation(user)
        .select_related("conference__organising_unit", "bridge_point__unit", "issue_group")
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404
    if may is not None and not may(user, question):
        raise PermissionDenied
    return question


def question_for_token(token: str) -> YouthQuestion:
    """The public getter: the question whose private link this is (404 for anything else)."""
    if not token or len(token) > 64:
        raise Http404
    question = (
        YouthQuestion.objects.select_related("conference__organising_unit", "bridge_point__unit", "issue_group")
        .filter(token=token)
        .first()
    )
    if question is None:
        raise Http404
    return question


def can_handle_sender_requests(user) -> bool:
    return role_of(user) in SENDER_REQUEST_HANDLERS


def sender_questions_for(user, *, email: str = "", phone: str = "") -> QuerySet[YouthQuestion]:
    """One sender's questions in the conferences Home Affairs organises (its unit and below); none for others."""
    if not can_handle_sender_requests(user) or not (email or phone):
        return YouthQuestion.objects.none()
    questions = YouthQuestion.objects.of_sender(email=email, phone=phone)
    if role_of(user) == Role.ADMIN:
        return questions
    unit = membership_of(user).agency.unit
    return questions.filter(conference__organising_unit__path__startswith=unit.path)


def capabilities(user) -> dict[str, bool]:
    """For menus and buttons (dialogue_portal.context_processors); no query beyond the membership."""
    role = role_of(user)
    return {
        "moderate_questions": role in MODERATORS,
        "handle_sender_requests": role in SENDER_REQUEST_HANDLERS,
    }
