"""The downloadable list to fill in: the five columns, dropdowns fed by a 'Danh mục' sheet, and a short guide.

Names come from users (issue groups, sites, the conference title): every cell is written through
conferences.xlsx, so a name beginning with "=" stays text and never becomes a live formula.
"""

from io import BytesIO

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from conferences.models import BridgePoint, Conference, IssueGroup
from conferences.text import fold
from conferences.xlsx import put

from .sheet import TEMPLATE_HEADERS


def site_labels(sites: list[BridgePoint]) -> list[str]:
    """How the template lists sites: the name, with its district when two sites share it (Xã Hồng Phong exists in
    Bình Gia and in Cao Lộc); the import reads both forms."""
    counts: dict[str, int] = {}
    for site in sites:
        counts[fold(site.name)] = counts.get(fold(site.name), 0) + 1
    labels = []
    for site in sites:
        parent = site.unit.parent if site.unit and site.unit.parent_id else None
        ambiguous = counts[fold(site.name)] > 1
        labels.append(f"{site.name} ({parent.full_name})" if ambiguous and parent else site.name)
    return labels


GUIDE = [
    "Mỗi dòng là một kiến nghị. Giữ nguyên dòng tiêu đề của trang “Kiến nghị”.",
    "TT: số thứ tự trong danh sách của đơn vị (cổng tự cấp số mới khi nhập).",
    "Nội dung kiến nghị: bắt buộc; giữ nguyên cách viết của văn bản gốc.",
    "Đơn vị kiến nghị: bắt buộc, ghi như văn bản gốc, ví dụ “Bí thư Đoàn xã Tân Minh”.",
    "Nhóm vấn đề: chọn trong danh mục (có thể để trống, Nội vụ phân nhóm sau).",
    "Điểm cầu: chọn trong danh mục hoặc ghi tên xã/huyện; để trống thì cổng lấy theo đơn vị kiến nghị.",
]


def _write_row(sheet, row: int, values: list) -> None:
    for column, value in enumerate(values, start=1):
        if value is not None:
            put(sheet.cell(row=row, column=column), value)


def _petition_sheet(sheet) -> None:
    sheet.title = "Kiến nghị"
    _write_row(sheet, 1, TEMPLATE_HEADERS)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FDF3E1")
    for col, width in enumerate([6, 70, 32, 36, 28], start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
        header = sheet.cell(row=1, column=col)
        header.font = bold
        header.fill = fill
        header.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    for row in range(2, 502):
        sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")


def _lists_sheet(workbook, sheet, *, groups: list[str], sites: list[str]) -> None:
    """The 'Danh mục' sheet the dropdowns of columns D (groups) and E (sites) read from."""
    lists = workbook.create_sheet("Danh mục")
    _write_row(lists, 1, ["Nhóm vấn đề", "Điểm cầu"])
    lists["A1"].font = Font(bold=True)
    lists["B1"].font = Font(bold=True)
    lists.column_dimensions["A"].width = 60
    lists.column_dimensions["B"].width = 40
    for i in range(max(len(groups), len(sites))):
        _write_row(lists, i + 2, [groups[i] if i < len(groups) else None, sites[i] if i < len(sites) else None])
    if groups:
        validation = DataValidation(type="list", formula1=f"='Danh mục'!$A$2:$A${len(groups) + 1}", allow_blank=True)
        validation.error = "Chọn nhóm vấn đề trong danh mục"
        sheet.add_data_validation(validation)
        validation.add("D2:D5001")
    if sites:
        validation = DataValidation(type="list", formula1=f"='Danh mục'!$B$2:$B${len(sites) + 1}", allow_blank=True)
        validation.showErrorMessage = False  # a site may also be written freely ("tan minh"); the import matches it
        sheet.add_data_validation(validation)
        validation.add("E2:E5001")


def _guide_sheet(workbook, conference: Conference) -> None:
    guide = workbook.create_sheet("Hướng dẫn")
    limits = f"Tối đa {settings.IMPORT_MAX_ROWS:,} dòng và {settings.UPLOAD_MAX_BYTES // 1024 // 1024} MB mỗi tệp."
    lines = [
        conference.title,
        None,
        *GUIDE,
        limits.replace(",", "."),
        "Trước khi nhập, cổng hiện bản xem trước với lỗi của từng dòng; chỉ khi bạn xác nhận mới ghi vào hệ thống.",
    ]
    for row, line in enumerate(lines, start=1):
        _write_row(guide, row, [line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 110


def template_workbook(*, conference: Conference, sites: list[BridgePoint], groups: list[IssueGroup]) -> bytes:
    """The downloadable list: the five columns, dropdowns fed by a 'Danh mục' sheet, and a short guide."""
    workbook = Workbook()
    sheet = workbook.active
    _petition_sheet(sheet)
    _lists_sheet(workbook, sheet, groups=[g.name for g in groups], sites=site_labels(sites))
    _guide_sheet(workbook, conference)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
