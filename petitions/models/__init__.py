"""Petitions, their assignments and answers, one module per subject; imported here so Django and callers find them
in one place. Within the app the modules point one way: answers <- assignments <- petitions."""

from conferences.deadlines import DeadlineRule

from .answers import (
    ANSWER_TRANSITIONS,
    APPROVED_ANSWER_STATES,
    EDITABLE_ANSWER_STATES,
    SENT_ANSWER_STATES,
    Answer,
    AnswerQuerySet,
    AnswerRevision,
    AnswerState,
    RevisionAction,
    answer_awaits_review,
    answer_waits_for_head,
    editable_answer,
)
from .assignments import (
    ASSIGNMENT_RULES,
    ASSIGNMENT_TRANSITIONS,
    OPEN_ASSIGNMENT_STATUSES,
    Assignment,
    AssignmentQuerySet,
    AssignmentStage,
    AssignmentStatus,
    deadline_spec,
    pending_with_agency,
)
from .imports import ImportBatch, ImportBatchStatus
from .petitions import (
    PETITION_TRANSITIONS,
    Channel,
    Petition,
    PetitionAttachment,
    PetitionQuerySet,
    PetitionStatus,
    SubQuestion,
    attachment_path,
)

# Transitional name for callers outside this app (tests/reminders, bench/stats.py, bench/reminders.py): assignments
# store the portal's one deadline rule now. Remove once they import conferences.deadlines.DeadlineRule.
DueRule = DeadlineRule

__all__ = [
    "ANSWER_TRANSITIONS",
    "APPROVED_ANSWER_STATES",
    "ASSIGNMENT_RULES",
    "ASSIGNMENT_TRANSITIONS",
    "Answer",
    "AnswerQuerySet",
    "AnswerRevision",
    "AnswerState",
    "Assignment",
    "AssignmentQuerySet",
    "AssignmentStage",
    "AssignmentStatus",
    "Channel",
    "DueRule",
    "EDITABLE_ANSWER_STATES",
    "ImportBatch",
    "ImportBatchStatus",
    "OPEN_ASSIGNMENT_STATUSES",
    "PETITION_TRANSITIONS",
    "Petition",
    "PetitionAttachment",
    "PetitionQuerySet",
    "PetitionStatus",
    "RevisionAction",
    "SENT_ANSWER_STATES",
    "SubQuestion",
    "answer_awaits_review",
    "answer_waits_for_head",
    "attachment_path",
    "deadline_spec",
    "editable_answer",
    "pending_with_agency",
]
