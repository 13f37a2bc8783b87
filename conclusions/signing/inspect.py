"""What pyHanko says of a PDF's signatures: for each, whether it is intact (the signed bytes unchanged), valid, by a
certificate chaining to a trust root (conclusions.signing.trust), what it covers, and whether what was appended
after it is only more signatures."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .loops import call
from .trust import validation_context

log = logging.getLogger(__name__)
MAX_SIGNATURES = 20  # validating is costly: a file with more (a public upload) has its first 20 read, the rest not
ALLOWED_LATER_CHANGES = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


class NotPdf(Exception):
    """The bytes are not a PDF pyHanko can read."""


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: str  # the certificate's common name
    organisation: str
    signing_time: datetime | None
    intact: bool
    valid: bool
    trusted: bool
    whole_file: bool  # covers the file up to its last byte
    later_changes_ok: bool  # what was appended after it is only signatures (or nothing)
    signed_length: int  # the last byte the signature covers

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.later_changes_ok


def read_pdf(data: bytes) -> PdfFileReader:
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise NotPdf
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        reader.root  # noqa: B018 (reading the catalogue is the test)
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise NotPdf from exc
    return reader


def _names(certificate) -> tuple[str, str]:
    subject = certificate.subject.native
    return subject.get("common_name", "") or certificate.subject.human_friendly, subject.get("organization_name", "")


def _report(embedded, context: ValidationContext) -> SignatureReport:
    signed_length = max(embedded.byte_range[2] + embedded.byte_range[3], embedded.byte_range[1])
    try:
        status = call(validate_pdf_signature, embedded, signer_validation_context=context)
    except Exception as exc:  # noqa: BLE001 (a malformed signature of any kind is reported as not valid)
        log.info("signature %s not validated: %s", embedded.field_name, exc)
        return SignatureReport(embedded.field_name, "", "", None, False, False, False, False, False, signed_length)
    signer, organisation = _names(status.signing_cert)
    level = status.modification_level
    return SignatureReport(
        field_name=embedded.field_name,
        signer=signer,
        organisation=organisation,
        signing_time=status.signer_reported_dt,
        intact=status.intact,
        valid=status.valid,
        trusted=status.trusted,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        later_changes_ok=bool(status.docmdp_ok) and (level is None or level in ALLOWED_LATER_CHANGES),
        signed_length=signed_length,
    )


def signature_reports(data: bytes, reader: PdfFileReader | None = None) -> list[SignatureReport]:
    """Every signature of the PDF, oldest first, at most MAX_SIGNATURES (NotPdf when it is not one). With more, the
    newest read does not cover the whole file, so such a file is neither accepted nor recognised."""
    reader = reader or read_pdf(data)
    context = validation_context()
    try:
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError) as exc:
        raise NotPdf from exc
    return [_report(sig, context) for sig in embedded[:MAX_SIGNATURES]]


def revision_count(data: bytes) -> int:
    return read_pdf(data).xrefs.total_revisions
