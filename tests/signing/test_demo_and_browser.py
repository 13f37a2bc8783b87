"""The demo's issued notice (1428/TB-UBND) is signed with the demo seal through the same services an administrator
and the issue action use; in a browser the notice page shows its signature and the public verify page answers.
Screenshots and the signed PDF's signature page (PNG) are saved in test-artifacts/ for a person to look at."""

import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pypdf import PdfReader

from conclusions.models import IssuingSeal, TrustRoot
from conclusions.signing.copies import frozen_bytes, official_bytes
from conclusions.signing.trust import validation_context
from tests.conftest import ARTIFACTS, screenshot


@pytest.mark.django_db
def test_the_demo_s_issued_notice_is_sealed_by_a_clearly_labelled_demo_ca(demo):
    notice = demo["trang-dinh-2024"].notices.get(state="issued")
    root = TrustRoot.objects.get()
    assert root.is_demo and "DEMO — không có giá trị pháp lý" in root.name
    assert IssuingSeal.objects.get(agency=notice.issuing_agency).is_demo
    data = official_bytes(notice)
    assert data.startswith(frozen_bytes(notice))
    (embedded,) = PdfFileReader(BytesIO(data)).embedded_signatures
    status = validate_pdf_signature(embedded, signer_validation_context=validation_context())
    assert status.bottom_line and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert "DEMO" in status.signing_cert.subject.human_friendly
    ARTIFACTS.mkdir(exist_ok=True)
    signed = ARTIFACTS / "signed-1428-TB-UBND.pdf"
    signed.write_bytes(data)
    number = _seal_page(data)
    assert number < len(PdfReader(BytesIO(data)).pages)  # on the body's last page, before the appendix
    subprocess.run(
        ["pdftoppm", "-r", "110", "-png", "-singlefile", "-f", str(number), "-l", str(number), str(signed),
         str(ARTIFACTS / "signed-1428-TB-UBND-seal-page")],
        check=True,
    )  # fmt: skip
    assert Path(ARTIFACTS / "signed-1428-TB-UBND-seal-page.png").exists()


FOREIGN_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _seal_page(data: bytes) -> int:
    """The 1-based number of the page carrying the signature widget."""
    for number, page in enumerate(PdfReader(BytesIO(data)).pages, start=1):
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/FT") == "/Sig":
                return number
    raise AssertionError("no signature widget on any page")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_notice_page_shows_the_seal_and_the_verify_page_answers(page, login, demo, tmp_path):
    notice = demo["trang-dinh-2024"].notices.get(state="issued")
    login("noivu_trangdinh")
    page.goto(f"/ket-luan/thong-bao/{notice.pk}/")
    panel = page.locator("#chu-ky-so")
    assert "Đã ký số" in panel.inner_text() and "Ủy ban nhân dân huyện Tràng Định" in panel.inner_text()
    assert page.locator("#signed-upload-form").is_visible()
    screenshot(page, "signing-notice-page")
    file = tmp_path / "1428.pdf"
    file.write_bytes(official_bytes(notice))
    page.goto("/cong-khai/kiem-tra-van-ban/")
    page.set_input_files("#verify-file", str(file))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    assert "Đây là Thông báo số 1428/TB-UBND ngày 12/04/2024" in page.locator("#verify-issued").inner_text()
    screenshot(page, "signing-verify-page-issued")
    other = tmp_path / "other.pdf"
    other.write_bytes(FOREIGN_PDF)
    page.set_input_files("#verify-file", str(other))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    assert page.locator("#verify-foreign").is_visible() or page.locator("#verify-not-pdf").is_visible()
    screenshot(page, "signing-verify-page-foreign")
