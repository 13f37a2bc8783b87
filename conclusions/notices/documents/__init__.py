"""The document engine of the conclusion notice: one small generator class per format.

- content.notice_content(notice): read the notice once, shaped for every writer (no ORM beyond this point).
- pdf.NoticePdf(content).render() -> bytes: WeasyPrint, print CSS, bundled fonts, parallel parts, page numbers.
- docx.NoticeDocx(content).render() -> bytes: editable Word file with the same structure.
- xlsx.AppendixXlsx(content).render() -> bytes: the appendix as a spreadsheet.
render.render_notice(notice, fmt) picks the writer and names the file.

This package's own module stays light (the text helpers are imported at start-up); the writers, and WeasyPrint with
them, load when something renders.
"""

import logging

# WeasyPrint logs every stylesheet and page it handles at INFO, some while it is imported (by the writers): noise in
# a server log. Set here, the level is in place before any module of this package imports it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
