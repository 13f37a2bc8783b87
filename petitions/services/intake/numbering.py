"""Petition numbers are per conference and unique.

Every allocation locks the conference row first (SELECT ... FOR UPDATE on PostgreSQL), so two people saving at once
get consecutive numbers; on SQLite, which has no row locks, a clash hits the unique constraint and the save is
retried with the next number.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max

from conferences.models import Conference

from ...models import Petition

NUMBER_RETRIES = 3


def next_number(conference: Conference) -> int:
    """Lock the conference row, then read the highest number: the caller holds the lock until commit."""
    Conference.objects.select_for_update().filter(pk=conference.pk).values_list("pk", flat=True).get()
    return (Petition.objects.filter(conference=conference).aggregate(m=Max("number"))["m"] or 0) + 1


def with_number_retry(create):
    """Run `create` in its own transaction, again (up to NUMBER_RETRIES times) when its number was taken."""
    for attempt in range(NUMBER_RETRIES):
        try:
            with transaction.atomic():
                return create()
        except IntegrityError:
            if attempt == NUMBER_RETRIES - 1:
                raise
    raise AssertionError("unreachable")
