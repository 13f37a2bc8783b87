"""Excel lists of petitions: read, checked and offered as a template; the web import and
`manage.py import_petitions` share it.

- archive.py: an upload refused before parsing (size, not an .xlsx, zip bombs), cheap enough for a request;
- sheet.py: streaming the first sheet and finding its header (a file that cannot be read is `Refused`);
- matching.py: bridge points and issue groups found from what people write;
- checking.py: every row checked into a report (content, unit, site, group, duplicates); nothing is written;
- template.py: the downloadable list with its dropdowns and guide (cells written through conferences.xlsx).
"""

from .archive import check_upload
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
    "check_upload",
    "read_sheet",
    "site_labels",
    "template_workbook",
]
