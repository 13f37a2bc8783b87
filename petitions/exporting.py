"""The filtered petition list as .xlsx: the import template's five columns first, so a list can travel back in.

Every cell is written through conferences.xlsx (a petition starting with "=" stays words, never a formula), and the
submitter's private contact is never exported.
"""

from io import BytesIO

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from conferences.models import Conference
from conferences.xlsx import cell

from .importing import TEMPLATE_HEADERS
from .models import Petition

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


def petitions_workbook(*, conference: Conference, petitions: QuerySet[Petition]) -> bytes:
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
    for petition in petitions.prefetch_related("sub_questions").iterator(chunk_size=1000):
        assignments = getattr(petition, "lead_assignments", [])
        sheet.append(
            [
                cell(sheet, petition.number),
                _text(sheet, petition.content, wrap=True),
                _text(sheet, "; ".join(petition.submitting_units)),
                _text(sheet, petition.issue_group.name if petition.issue_group else ""),
                _text(sheet, petition.bridge_point.name if petition.bridge_point else ""),
                _text(
                    sheet,
                    "\n".join(f"{sq.position}. {sq.content}" for sq in petition.sub_questions.all()),
                    wrap=True,
                ),
                _text(sheet, petition.get_channel_display()),
                cell(sheet, "x" if petition.raised_live else ""),
                _text(sheet, petition.get_status_display()),
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
