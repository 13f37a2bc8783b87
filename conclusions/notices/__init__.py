"""The conclusion notice, by step: drafting, editing, deadlines of its tasks, numbering, issuing, background
rendering; its documents (PDF, DOCX, XLSX), forms and views."""
