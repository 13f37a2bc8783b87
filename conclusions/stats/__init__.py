"""Statistics and reports for Home Affairs and leaders: the figures (figures), the panels a page, its charts and its
XLSX share (panels, charts, export), the yearly report to the superior body (report), their forms and views."""
