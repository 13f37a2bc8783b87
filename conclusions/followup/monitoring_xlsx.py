"""The monitoring page as an Excel workbook: by agency, open tasks, open forwarded petitions (the page's reads).

Cells go through the portal's one cell writer (conferences.xlsx): text typed by people stays text, never a formula.
Rows are streamed (write-only workbook, iterator) so the export's memory does not grow with the rows.
"""

from __future__ import annotations

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from conferences.xlsx import cell
from petitions.models import SENT_ANSWER_STATES

from .monitoring import Filters, days_late, open_petitions, open_tasks, summary

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _row(sheet, values, *, header: bool = False) -> None:
    cells = []
    for value in values:
        new = cell(sheet, value)
        if isinstance(value, str):
            new.alignment = WRAP
        if header:
            new.font = BOLD
        cells.append(new)
    sheet.append(cells)


def _widths(sheet, widths) -> None:
    for column, width in zip("ABCDEFGH", widths, strict=False):
        sheet.column_dimensions[column].width = width


def _agencies_sheet(book, user, filters: Filters, day: date) -> None:
    sheet = book.create_sheet(_("Theo cơ quan"))
    _widths(sheet, (45,))
    _row(sheet, [_("Tình hình thực hiện nhiệm vụ và giải quyết kiến nghị đến ngày %(d)s") % {"d": f"{day:%d/%m/%Y}"}])
    _row(
        sheet,
        [
            _("Cơ quan"),
            _("Nhiệm vụ đang thực hiện"),
            _("Nhiệm vụ quá hạn"),
            _("Kiến nghị đang giải quyết"),
            _("Kiến nghị quá hạn"),
            _("Đã hoàn thành"),
            _("Hoàn thành đúng hạn"),
            _("Tỷ lệ đúng hạn (%)"),
        ],
        header=True,
    )
    result = summary(user, filters, day=day)
    for r in [*result.rows, result.total]:
        rate = r.on_time_rate if r.on_time_rate is not None else ""
        _row(
            sheet,
            [
                r.name,
                r.open_tasks,
                r.overdue_tasks,
                r.open_petitions,
                r.overdue_petitions,
                r.closed,
                r.closed_on_time,
                rate,
            ],
        )


def _tasks_sheet(book, user, filters: Filters, day: date) -> None:
    sheet = book.create_sheet(_("Nhiệm vụ"))
    _widths(sheet, (40, 30, 70, 14, 22, 12, 10, 40))
    _row(
        sheet,
        [
            _("Hội nghị"),
            _("Cơ quan chủ trì"),
            _("Nhiệm vụ"),
            _("Hạn"),
            _("Trạng thái"),
            _("Tiến độ (%)"),
            _("Số ngày quá hạn"),
            _("Thông báo kết luận"),
        ],
        header=True,
    )
    for d in open_tasks(user, filters, day=day).iterator(chunk_size=500):
        _row(
            sheet,
            [
                d.notice.conference.title,
                str(d.agency) if d.agency else "",
                d.text,
                d.due_date or d.get_deadline_kind_display(),
                d.get_status_display(),
                d.progress_percent,
                days_late(d.due_date, day) if d.awaits_agency else 0,
                d.notice.number_label.strip(),
            ],
        )


def _petitions_sheet(book, user, filters: Filters, day: date) -> None:
    sheet = book.create_sheet(_("Kiến nghị chuyển xử lý"))
    _widths(sheet, (40, 8, 70, 30, 30, 14, 22, 10))
    _row(
        sheet,
        [
            _("Hội nghị"),
            _("Số"),
            _("Nội dung kiến nghị"),
            _("Đơn vị kiến nghị"),
            _("Cơ quan chủ trì"),
            _("Hạn"),
            _("Tình trạng trả lời"),
            _("Số ngày quá hạn"),
        ],
        header=True,
    )
    for a in open_petitions(user, filters, day=day).iterator(chunk_size=500):
        answer = getattr(a, "answer", None)
        sent = answer is not None and answer.state in SENT_ANSWER_STATES
        _row(
            sheet,
            [
                a.petition.conference.title,
                a.petition.number,
                a.sub_question.content if a.sub_question_id else a.petition.content,
                a.petition.submitting_unit,
                str(a.lead_agency),
                a.due_date,
                answer.get_state_display() if answer else _("Chưa có trả lời"),
                0 if sent else days_late(a.due_date, day),
            ],
        )


def workbook(user, filters: Filters, *, day: date) -> bytes:
    """Three sheets: by agency, open tasks, open forwarded petitions."""
    book = Workbook(write_only=True)
    _agencies_sheet(book, user, filters, day)
    _tasks_sheet(book, user, filters, day)
    _petitions_sheet(book, user, filters, day)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
