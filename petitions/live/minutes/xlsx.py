"""The minutes as a workbook: one row per question, every cell through conferences.xlsx (text never a formula)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from conferences.xlsx import put

from . import Minutes

HEADERS = [
    ("TT", 6),
    ("Thời gian", 10),
    ("Điểm cầu", 28),
    ("Đơn vị", 28),
    ("Số", 8),
    ("Câu hỏi", 70),
    ("Người trả lời", 30),
    ("Phút trên sóng", 12),
    ("Kết quả", 24),
    ("Nội dung kết quả", 60),
]


def minutes_xlsx(minutes: Minutes) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhật ký phiên"
    put(sheet.cell(1, 1), "NHẬT KÝ PHIÊN ĐỐI THOẠI" + (" (TỔNG DUYỆT)" if minutes.rehearsal else ""))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    put(sheet.cell(2, 1), minutes.conference_title)
    put(sheet.cell(3, 1), minutes.date_line)
    put(sheet.cell(4, 1), minutes.summary_line)
    for column, (label, width) in enumerate(HEADERS, start=1):
        put(sheet.cell(6, column), label)
        sheet.cell(6, column).font = Font(bold=True)
        sheet.column_dimensions[sheet.cell(6, column).column_letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for offset, row in enumerate(minutes.rows):
        values = [
            row.number,
            row.time,
            row.site,
            row.unit,
            row.label,
            row.question,
            row.responder,
            row.minutes_on_air,
            row.outcome,
            row.detail,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(7 + offset, column)
            put(cell, value)
            cell.alignment = wrap
    sheet.freeze_panes = "A7"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
