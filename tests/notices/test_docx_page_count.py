"""The Word file of each demo document has the page count of its PDF (LibreOffice lays the DOCX out; Word, with the
same metrics, breaks the same way). One LibreOffice run converts the three documents."""

import io
import subprocess

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_each_demo_documents_docx_has_the_page_count_of_its_pdf(demo_files, tmp_path):
    documents = {
        "lang-son-2023": (demo_files.lang_son_docx, demo_files.lang_son_draft),
        "ha-nam-2021": (demo_files.ha_nam_docx, demo_files.ha_nam_draft),
        "trang-dinh-2024": (demo_files.trang_dinh_docx, demo_files.trang_dinh_pdf),
    }
    for name, (docx, _pdf) in documents.items():
        (tmp_path / f"{name}.docx").write_bytes(docx)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            *(str(tmp_path / f"{name}.docx") for name in documents),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    counts = {
        name: (_pages((tmp_path / "out" / f"{name}.pdf").read_bytes()), _pages(pdf))
        for name, (_d, pdf) in documents.items()
    }
    assert all(docx == pdf for docx, pdf in counts.values()), counts
