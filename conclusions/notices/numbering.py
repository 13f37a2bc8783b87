"""Numbers of issued notices: one register per issuing body, symbol and calendar year.

At issue the number comes from one of two registers:
- the portal's own (`take_number`): the next number, taken under a row lock in the transaction that issues the
  notice, so a render that fails rolls the number back and two notices issued at once get distinct numbers;
- the clerk's (văn thư) register, whose number and date the clerk types (`record_clerk_number`): checked unique for
  the body, symbol and year under the same row lock, refused with a message when it is already on record.

Both registers agree afterwards: the portal's next number follows the highest number on record, whoever gave it.
"""

from django.db.models import Max
from django.utils.translation import gettext as _

from conferences.models import Agency

from ..errors import NoticeError
from ..models import ConclusionNotice, NoticeNumberSequence


def _highest(agency: Agency, symbol: str, year: int) -> int:
    return (
        ConclusionNotice.objects.filter(issuing_agency=agency, symbol=symbol, number_year=year).aggregate(
            m=Max("number")
        )["m"]
        or 0
    )


def _locked_register(agency: Agency, symbol: str, year: int) -> NoticeNumberSequence:
    sequence, _created = NoticeNumberSequence.objects.get_or_create(
        issuing_agency=agency, symbol=symbol, year=year, defaults={"last_number": _highest(agency, symbol, year)}
    )
    return NoticeNumberSequence.objects.select_for_update().get(pk=sequence.pk)


def next_number(*, agency: Agency, symbol: str, year: int) -> int:
    """The number the portal's register would give now (shown on the issue page; taken only by `take_number`)."""
    last = (
        NoticeNumberSequence.objects.filter(issuing_agency=agency, symbol=symbol, year=year)
        .values_list("last_number", flat=True)
        .first()
        or 0
    )
    return max(last, _highest(agency, symbol, year)) + 1


def take_number(*, agency: Agency, symbol: str, year: int) -> int:
    """The next number of the register (issuing body, symbol, year), taken under a row lock.

    A new register starts after the highest number already on record for it (notices imported with their number)."""
    sequence = _locked_register(agency, symbol, year)
    sequence.last_number = max(sequence.last_number, _highest(agency, symbol, year)) + 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def record_clerk_number(*, notice: ConclusionNotice, number: int, year: int) -> int:
    """The number the clerk's register gave, for `notice`: refused when the body already issued that number with
    that symbol that year. The portal's register moves past it."""
    if number < 1:
        raise NoticeError(_("Số văn bản phải là số nguyên dương."))
    agency, symbol = notice.issuing_agency, notice.symbol
    sequence = _locked_register(agency, symbol, year)
    taken = (
        ConclusionNotice.objects.filter(issuing_agency=agency, symbol=symbol, number_year=year, number=number)
        .exclude(pk=notice.pk)
        .select_related("conference")
        .first()
    )
    if taken is not None:
        raise NoticeError(
            _(
                "Số %(number)s/%(symbol)s năm %(year)s đã được cấp cho thông báo của “%(conference)s”. Mỗi số chỉ "
                "dùng một lần trong năm: hãy kiểm tra lại sổ văn thư."
            )
            % {"number": number, "symbol": symbol, "year": year, "conference": taken.conference.title}
        )
    if number > sequence.last_number:
        sequence.last_number = number
        sequence.save(update_fields=["last_number"])
    return number
