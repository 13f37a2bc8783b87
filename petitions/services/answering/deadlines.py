"""Deadlines of assignments, through the portal's one deadline engine (conferences.deadlines).

An assignment stores the rule Home Affairs chose (rule, count, base date) and its stage; before the dialogue the
working days count back from the dialogue date, after it forwards from the base. When the office calendar changes,
`assignments_recompute_deadlines` (registered in petitions.apps) moves the open deadlines that depend on it.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from conferences import workdays
from conferences.audit import record
from conferences.deadlines import DeadlineRule, DeadlineSpec, MovedDeadline
from conferences.errors import Refused

from ...models import ASSIGNMENT_RULES, Assignment, AssignmentStage, Petition, deadline_spec

logger = logging.getLogger(__name__)

# Defaults from the plans in the seeds: answers are due a week before the dialogue; forwarded items 45 working
# days after the notice (seed 004).
DEFAULT_BEFORE_WORKING_DAYS = 5
DEFAULT_AFTER_WORKING_DAYS = 45


def assignment_deadline(due: DeadlineSpec, *, stage: str) -> workdays.Deadline:
    """The due date of an assignment asked for with `due` at `stage`; `Refused` with the reason when it cannot be
    computed (an assignment always has a date, so rules without one are refused too)."""
    if due.rule not in ASSIGNMENT_RULES:
        raise Refused(_("Cách tính hạn không hợp lệ."))
    return deadline_spec(due.rule, due.count, due.base, stage=stage).compute()


def deadline_of(assignment: Assignment) -> workdays.Deadline:
    return assignment.deadline_spec.compute()


def default_due_spec(*, petition: Petition, stage: str) -> DeadlineSpec:
    """N working days before the dialogue; N working days after the issued notice for forwarded items."""
    conference = petition.conference
    if stage == AssignmentStage.BEFORE_CONFERENCE:
        return deadline_spec(
            DeadlineRule.WORKING_DAYS, DEFAULT_BEFORE_WORKING_DAYS, conference.dialogue_date, stage=stage
        )
    base = conference.concluded_on or conference.held_on
    return deadline_spec(DeadlineRule.WORKING_DAYS, DEFAULT_AFTER_WORKING_DAYS, base, stage=stage)


def assignments_recompute_deadlines(*, actor, reason: str) -> list[MovedDeadline]:
    """Recompute every open assignment whose deadline depends on the calendar (working or calendar days).

    Called when the CalendarOverride table changes; each moved deadline is audited with old and new dates.
    """
    workdays.invalidate()
    changes: list[MovedDeadline] = []
    with transaction.atomic():
        # Drop the cached table again once committed: a read inside this transaction may have cached its state.
        transaction.on_commit(workdays.invalidate)
        open_ = Assignment.objects.select_for_update().calendar_dependent().select_related("petition__conference")
        for assignment in open_:
            deadline = deadline_of(assignment)
            if deadline.due == assignment.due_date and deadline.explanation == assignment.due_explanation:
                continue
            old = assignment.due_date
            assignment.due_date, assignment.due_explanation = deadline.due, deadline.explanation
            assignment.save(update_fields=["due_date", "due_explanation"])
            if old != deadline.due:
                changes.append(MovedDeadline("assignment", assignment.pk, old, deadline.due))
                record(
                    actor=actor,
                    action="assignment.deadline_recomputed",
                    target=assignment,
                    conference=assignment.petition.conference,
                    message=_("Hạn đổi từ %(old)s sang %(new)s do thay đổi lịch nghỉ: %(reason)s")
                    % {"old": f"{old:%d/%m/%Y}", "new": f"{deadline.due:%d/%m/%Y}", "reason": reason},
                    old=old.isoformat(),
                    new=deadline.due.isoformat(),
                )
    logger.info("calendar change (%s): %d open deadlines moved", reason, len(changes))
    return changes
