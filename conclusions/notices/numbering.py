"""Numbers of issued notices: one register per issuing body, symbol and calendar year.

The register's row is locked with SELECT ... FOR UPDATE while a number is taken, in the transaction that issues the
notice: a render that fails rolls the number back, so numbers are unique and leave no gaps, also when two notices
are issued at once.
"""

from django.db.models import Max

from conferences.models import Agency

from ..models import ConclusionNotice, NoticeNumberSequence


def take_number(*, agency: Agency, symbol: str, year: int) -> int:
    """The next number of the register (issuing body, symbol, year), taken under a row lock.

    A new register starts after the highest number already on record for it (notices imported with their number)."""
    highest = (
        ConclusionNotice.objects.filter(issuing_agency=agency, symbol=symbol, number_year=year).aggregate(
            m=Max("number")
        )["m"]
        or 0
    )
    sequence, _created = NoticeNumberSequence.objects.get_or_create(
        issuing_agency=agency, symbol=symbol, year=year, defaults={"last_number": highest}
    )
    sequence = NoticeNumberSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last_number = max(sequence.last_number, highest) + 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number
