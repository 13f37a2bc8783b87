"""The filtered petition list as .xlsx: the import template's five columns first, so a list can travel back in.

Every cell is written through conferences.xlsx (a petition starting with "=" stays words, never a formula), and the
submitter's private contact is never exported.
"""

from copy import copy
from io import BytesIO

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from conferences.models import Conference
from conferences.xlsx import cell

from .importing import TEMPLATE_HEADERS
from .models import Channel, Petition, PetitionStatus

HEADERS = [
    *TEMPLATE_HEADERS,
    "Câu hỏi thành phần",
    "Hình thức tiếp nhận",
    "Nêu tại hội nghị",
    "Trạng thái",
    "Cơ quan chủ trì",
    "Hạn trả lời",
    "Số kiến nghị trùng đã gộp",
]
WIDTHS = [6, 70, 32, 36, 28, 50, 20, 10, 22, 30, 12, 14]


def _text(sheet, value: str, *, wrap: bool = False) -> WriteOnlyCell:
    written = cell(sheet, value)
    if wrap:
        written.alignment = Alignment(wrap_text=True, vertical="top")
    return written


class _Wrapped:
    """Wrapped text cells for 10,000 rows: the style is registered with the workbook once and its reference copied
    to each cell (setting `alignment` per cell hashes a new style object every time)."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.style = _text(sheet, "", wrap=True)._style

    def __call__(self, value: str) -> WriteOnlyCell:
        written = cell(self.sheet, value)
        written._style = copy(self.style)
        return written


def petitions_workbook(*, conference: Conference, petitions: QuerySet[Petition]) -> bytes:
    """`petitions`: the rows to write, in order (QuerySet.for_export reads them in a fixed number of queries)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kiến nghị")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="FDF3E1")
    header = []
    for title in HEADERS:
        heading = _text(sheet, title)
        heading.font, heading.fill = header_font, header_fill
        header.append(heading)
    sheet.append(header)
    wrapped = _Wrapped(sheet)
    # Labels read once per export (a lazy translation per row and column costs more than the row itself).
    channels, statuses = {k: str(v) for k, v in Channel.choices}, {k: str(v) for k, v in PetitionStatus.choices}
    for petition in petitions.iterator(chunk_size=1000):
        assignments = getattr(petition, "lead_assignments", [])
        sheet.append(
            [
                cell(sheet, petition.number),
                wrapped(petition.content),
                _text(sheet, "; ".join(petition.submitting_units)),
                _text(sheet, petition.issue_group.name if petition.issue_group else ""),
                _text(sheet, petition.bridge_point.name if petition.bridge_point else ""),
                wrapped("\n".join(f"{sq.position}. {sq.content}" for sq in petition.sub_questions.all())),
                _text(sheet, channels.get(petition.channel, petition.channel)),
                cell(sheet, "x" if petition.raised_live else ""),
                _text(sheet, statuses.get(petition.status, petition.status)),
                _text(sheet, "; ".join(dict.fromkeys(str(a.lead_agency) for a in assignments))),
                cell(sheet, min((a.due_date for a in assignments), default=None)),
                _text(sheet, ", ".join(str(d.number) for d in petition.duplicates.all())),
            ]
        )
    info = workbook.create_sheet("Thông tin")
    info.append([_text(info, conference.title)])
    info.append([_text(info, f"Xuất lúc {timezone.localtime():%d/%m/%Y %H:%M}")])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
