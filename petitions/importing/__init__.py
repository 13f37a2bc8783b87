"""Excel lists of petitions: read, checked and offered as a template; the web import and
`manage.py import_petitions` share it.

- sheet.py: reading the first sheet and finding its header (a file that cannot be read is `Refused`);
- matching.py: bridge points and issue groups found from what people write;
- checking.py: every row checked into a report (content, unit, site, group, duplicates); nothing is written;
- template.py: the downloadable list with its dropdowns and guide (cells written through conferences.xlsx).
"""

from .checking import Context, Report, RowReport, check_rows
from .matching import GroupMatcher, SiteMatcher
from .sheet import TEMPLATE_HEADERS, XLSX_TYPE, Sheet, read_sheet
from .template import site_labels, template_workbook

__all__ = [
    "TEMPLATE_HEADERS",
    "XLSX_TYPE",
    "Context",
    "GroupMatcher",
    "Report",
    "RowReport",
    "Sheet",
    "SiteMatcher",
    "check_rows",
    "read_sheet",
    "site_labels",
    "template_workbook",
]
