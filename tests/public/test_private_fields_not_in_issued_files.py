"""The files the public downloads are rendered by the notice engine from the live data: private fields must not
reach them either (submitter identity, internal comments, answer history, drafts and returned answers)."""

import io

import pytest
from django.urls import reverse

from conclusions.notices.issuing import notice_store_files
from tests.public.conftest import SECRETS

pytestmark = pytest.mark.django_db

PRIVATE = (
    "submitter_name",
    "submitter_contact",
    "review_comment",
    "revision_comment",
    "draft_answer",
    "returned_answer",
)


def _text(kind: str, data: bytes) -> str:
    if kind == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if kind == "docx":
        from docx import Document

        document = Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    return "\n".join(str(v) for ws in workbook for row in ws.iter_rows(values_only=True) for v in row if v)


def test_issued_pdf_docx_and_xlsx_served_publicly_hold_no_private_field(client, world):
    notice = world.notice
    notice.pdf = notice.docx = notice.xlsx = None
    notice.pdf_sha256 = ""
    notice.save()
    notice_store_files(notice=notice, actor=None)
    for kind in ("pdf", "docx", "xlsx"):
        response = client.get(reverse("public:notice_file", args=[world.conference.slug, 1, kind]))
        assert response.status_code == 200, kind
        text = _text(kind, b"".join(response.streaming_content))
        assert "Nghị định 338" in " ".join(text.split()), kind  # the published answers are there
        for name in PRIVATE:
            assert SECRETS[name] not in text, f"{name} in the public {kind}"
