"""Getters: the only way a view fetches one petition, assignment, answer, file or import batch. Each fetches through
the user's scope in petitions/permissions.py (404 outside it: another district's petition does not exist for them)
and, given `may`, authorizes the object (403 with the rule's reason). Conferences come from
conferences.permissions.conference_for.
"""

from django.db.models import QuerySet
from django.http import Http404

from conferences.permissions import conferences_visible_to, denied

from .models import Answer, AnswerAttachment, Assignment, ImportBatch, Petition, PetitionAttachment
from .permissions import answers_visible_to, assignments_visible_to, petitions_visible_to


def _get(queryset: QuerySet, user, pk, may):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if may is not None and not may(user, obj):
        raise denied(may, user, obj)
    return obj


def petition_for(user, pk, *, may=None) -> Petition:
    """A petition the user may read (another district's petition does not exist for them)."""
    petitions = petitions_visible_to(user).select_related(
        "conference__organising_unit", "bridge_point__unit", "issue_group", "duplicate_of", "created_by"
    )
    return _get(petitions, user, pk, may)


def assignment_for(user, pk, *, may=None) -> Assignment:
    assignments = assignments_visible_to(user).select_related(
        "petition__conference__organising_unit",
        "petition__issue_group",
        "sub_question",
        "lead_agency",
        "assigned_by",
        "answer__author",
    )
    return _get(assignments, user, pk, may)


def answer_for(user, pk, *, may=None) -> Answer:
    answers = answers_visible_to(user).select_related(
        "petition__conference",
        "petition__issue_group",
        "sub_question",
        "agency",
        "assignment__lead_agency",
        "author",
        "approved_by",
        "head_approved_by",
    )
    return _get(answers, user, pk, may)


def answer_attachment_for(user, pk) -> AnswerAttachment:
    """A file of an answer the user may read (the answer's own scope)."""
    return _get(AnswerAttachment.objects.filter(answer__in=answers_visible_to(user)), user, pk, None)


def attachment_for(user, pk) -> PetitionAttachment:
    """A file of a petition the user may read."""
    attachments = PetitionAttachment.objects.filter(petition__in=petitions_visible_to(user))
    return _get(attachments, user, pk, None)


def import_batch_for(user, pk) -> ImportBatch:
    """Only the person who uploaded a list sees its preview (it holds rows outside other people's scope), and only
    while its conference is in their area."""
    batches = ImportBatch.objects.filter(uploaded_by=user, conference__in=conferences_visible_to(user))
    return _get(batches.select_related("conference__organising_unit"), user, pk, None)
