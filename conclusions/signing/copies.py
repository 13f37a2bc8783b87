"""The official copy of an issued notice: the newest signed copy (the server's seal or an upload accepted by
conclusions.signing.upload), else the frozen PDF stored at issue. Every copy is kept, with its SHA-256, so a file
handed around later is recognised (the verify page)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile

from ..models import ConclusionNotice, IssuingSeal, SignedCopy
from .inspect import SignatureReport


@dataclass(frozen=True)
class OfficialCopy:
    file: object  # a FieldFile
    sha256: str
    signed: SignedCopy | None


def official_copy(notice: ConclusionNotice) -> OfficialCopy | None:
    """What the notice page and the public page serve as the notice's PDF (None before the PDF is stored)."""
    newest = notice.signed_copies.newest_first().first()
    if newest is not None:
        return OfficialCopy(file=newest.file, sha256=newest.sha256, signed=newest)
    if notice.pdf:
        return OfficialCopy(file=notice.pdf, sha256=notice.pdf_sha256, signed=None)
    return None


def frozen_bytes(notice: ConclusionNotice) -> bytes:
    with notice.pdf.open("rb") as stored:
        return stored.read()


def official_bytes(notice: ConclusionNotice) -> bytes:
    copy = official_copy(notice)
    with copy.file.open("rb") as stored:
        return stored.read()


def signer_rows(reports: list[SignatureReport]) -> list[dict]:
    return [
        {
            "signer": r.signer,
            "organisation": r.organisation,
            "signing_time": r.signing_time.isoformat(timespec="seconds") if r.signing_time else "",
            "field": r.field_name,
        }
        for r in reports
    ]


def store_signed_copy(*, notice: ConclusionNotice, data: bytes, source: str, signers: list[dict], actor) -> SignedCopy:
    """Keep a signed copy; it becomes the official one (the caller is inside its transaction and audits)."""
    digest = hashlib.sha256(data).hexdigest()
    copy = SignedCopy(
        notice=notice,
        source=source,
        sha256=digest,
        signers=signers,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    number = f"{notice.number}-{notice.symbol}".replace("/", "-") if notice.number else f"r{notice.revision}"
    copy.file.save(f"thong-bao-{number}-ky-so-{digest[:8]}.pdf", ContentFile(data), save=False)
    copy.save()
    return copy


def notice_by_hash(digest: str) -> tuple[ConclusionNotice, SignedCopy | None] | None:
    """The issued (or superseded) notice one of whose stored PDFs has this SHA-256."""
    copy = SignedCopy.objects.select_related("notice__conference", "notice__issuing_agency").filter(sha256=digest)
    found = copy.first()
    if found is not None:
        return found.notice, found
    notice = (
        ConclusionNotice.objects.final()
        .select_related("conference", "issuing_agency")
        .filter(pdf_sha256=digest)
        .first()
    )
    return (notice, None) if notice is not None else None


@dataclass(frozen=True)
class SignaturePanel:
    """What the notice page shows of its signatures (issued and superseded notices)."""

    official: OfficialCopy | None
    copies: list[SignedCopy]
    seal_configured: bool
    can_upload: bool


def signature_panel(notice: ConclusionNotice, *, can_upload: bool) -> SignaturePanel | None:
    if notice.is_draft:
        return None
    copies = list(notice.signed_copies.newest_first().select_related("created_by"))
    official = OfficialCopy(file=copies[0].file, sha256=copies[0].sha256, signed=copies[0]) if copies else None
    return SignaturePanel(
        official=official or official_copy(notice),
        copies=copies,
        seal_configured=IssuingSeal.objects.filter(agency_id=notice.issuing_agency_id).exists(),
        can_upload=can_upload,
    )
