"""Writes of the assignment -> answer -> review -> publish loop, one module per step:

- assigning.py: Home Affairs assigns, the agency declines, Home Affairs reassigns or keeps the assignment;
- answers.py: the lead agency drafts, submits (through its head where required) and revises its answer;
- review.py: Home Affairs corrects the wording, approves, publishes, and records the answers given live;
- deadlines.py: assignment deadlines through the one deadline engine, recomputed after a calendar change.

Every function is keyword-only, runs in one transaction, writes an AuditEvent (and an AnswerRevision for answers)
with the acting user, and writes its notifications (in-app rows and outbox emails) in the same transaction: they
exist exactly when the change does, and the outbox sends the emails after commit. Refusals are
`conferences.errors.Refused`; a stale version is `conferences.errors.Conflict` carrying the saved answer.
"""

from .answers import answer_head_approve, answer_return, answer_save, lock_answer, revise
from .assigning import (
    BulkResult,
    assignment_create,
    assignment_decline,
    assignment_reassign,
    assignment_reinstate,
    assignments_bulk_create,
)
from .deadlines import (
    DEFAULT_AFTER_WORKING_DAYS,
    DEFAULT_BEFORE_WORKING_DAYS,
    assignment_deadline,
    assignments_recompute_deadlines,
    deadline_of,
    default_due_spec,
)
from .review import answer_approve, answer_correct, answer_record_on_the_spot, answers_publish

__all__ = [
    "DEFAULT_AFTER_WORKING_DAYS",
    "DEFAULT_BEFORE_WORKING_DAYS",
    "BulkResult",
    "answer_approve",
    "answer_correct",
    "answer_head_approve",
    "answer_record_on_the_spot",
    "answer_return",
    "answer_save",
    "answers_publish",
    "assignment_create",
    "assignment_deadline",
    "assignment_decline",
    "assignment_reassign",
    "assignment_reinstate",
    "assignments_bulk_create",
    "assignments_recompute_deadlines",
    "deadline_of",
    "default_due_spec",
    "lock_answer",
    "revise",
]
