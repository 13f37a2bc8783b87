"""The organisation's seal: an issuing body's PKCS#12 installed once (by an administrator, `install_seal`, or the
demo loader, all through `seal_install`), then used by the server to sign a notice's frozen PDF at issue.

The PKCS#12 is checked with the password it came with, then its key and chain are kept encrypted (Fernet: AES
with an authentication code) with a key derived from SIGNATURE_SEAL_KEY (default SECRET_KEY): a copy of the
database alone does not give the key away. Changing that key means installing the seals again.

Signing is PAdES baseline B-B (ETSI.CAdES.detached, SHA-256) in an incremental update: the frozen bytes stay as they
are, so the PDF/A identification and the tags stay valid and the unsigned file's hash still matches a prefix.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.sign import fields, signers
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from conferences.audit import record
from conferences.errors import Refused
from conferences.models import Agency

from ..models import ConclusionNotice, IssuingSeal, SignatureSource, SignedCopy
from .appearance import PX_PER_MM, stamp_image
from .copies import frozen_bytes, store_signed_copy
from .loops import call
from .placement import seal_placement

log = logging.getLogger(__name__)
SIGNATURE_BYTES = 16384  # room kept for the CMS: no dry run to measure it (a chain of three RSA-4096 certificates fits)


def _box(agency_code: str) -> Fernet:
    """The key the stored PKCS#12 is encrypted with (AES, authenticated): derived from SIGNATURE_SEAL_KEY and the
    body's code. Already random, so no slow password derivation is needed when signing."""
    secret = (getattr(settings, "SIGNATURE_SEAL_KEY", "") or settings.SECRET_KEY).encode()
    return Fernet(base64.urlsafe_b64encode(hmac.new(secret, f"seal:{agency_code}".encode(), hashlib.sha256).digest()))


def _read_pkcs12(data: bytes, password: bytes):
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, password or None)
    except (ValueError, TypeError) as exc:
        raise Refused(_("Không mở được tệp PKCS#12: sai mật khẩu hoặc tệp không phải .p12/.pfx.")) from exc
    if key is None or certificate is None:
        raise Refused(_("Tệp PKCS#12 phải có cả chứng thư số và khóa bí mật."))
    return key, certificate, extra or []


def _key_material(key, certificate, extra) -> bytes:
    """The key (PKCS#8) and the chain (DER), as JSON: reading them back takes microseconds, a PKCS#12 ~0.1 s."""
    der = serialization.Encoding.DER
    return json.dumps(
        {
            "key": base64.b64encode(
                key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
            ).decode(),
            "certificates": [base64.b64encode(c.public_bytes(der)).decode() for c in [certificate, *extra]],
        }
    ).encode()


def seal_check(*, pkcs12_data: bytes, password: str):
    """(key, certificate, other certificates) of a usable PKCS#12; Refused with the reason otherwise."""
    key, certificate, extra = _read_pkcs12(pkcs12_data, password.encode())
    if certificate.not_valid_after_utc <= timezone.now():
        raise Refused(_("Chứng thư số của con dấu đã hết hạn."))
    return key, certificate, extra


def seal_install(
    *, agency: Agency, pkcs12_data: bytes, password: str, actor, seal_name: str = "", is_demo: bool = False
) -> IssuingSeal:
    """Install (or replace) an issuing body's seal from its PKCS#12 and password."""
    key, certificate, extra = seal_check(pkcs12_data=pkcs12_data, password=password)
    stored = _box(agency.code).encrypt(_key_material(key, certificate, extra))
    values = {
        "key_material": stored,
        "subject": certificate.subject.rfc4514_string()[:500],
        "issuer": certificate.issuer.rfc4514_string()[:500],
        "fingerprint": certificate.fingerprint(hashes.SHA256()).hex(),
        "not_after": certificate.not_valid_after_utc,
        "seal_name": seal_name,
        "is_demo": is_demo,
        "installed_at": timezone.now(),
    }
    with transaction.atomic():
        seal, _created = IssuingSeal.objects.update_or_create(agency=agency, defaults=values)
        record(
            actor=actor,
            action="signing.seal_install",
            target=seal,
            message=_("Cài đặt con dấu số cho %(agency)s") % {"agency": agency},
            subject=values["subject"],
            fingerprint=values["fingerprint"],
            demo=is_demo,
        )
    return seal


def seal_of(agency_id: int) -> IssuingSeal | None:
    return IssuingSeal.objects.select_related("agency").filter(agency_id=agency_id).first()


@dataclass(frozen=True)
class SealResult:
    data: bytes
    signed_at: datetime
    subject: str


def _signer(seal: IssuingSeal) -> signers.SimpleSigner:
    material = json.loads(_box(seal.agency.code).decrypt(bytes(seal.key_material)))
    chain = [asn1_x509.Certificate.load(base64.b64decode(c)) for c in material["certificates"]]
    return signers.SimpleSigner(
        signing_cert=chain[0],
        signing_key=asn1_keys.PrivateKeyInfo.load(base64.b64decode(material["key"])),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


def _producer_in_step(writer: IncrementalPdfFileWriter) -> None:
    """PDF/A: the information dictionary must agree with the XMP metadata. pyHanko writes its own name as the XMP's
    pdf:Producer but appends it to the dictionary's /Producer ("WeasyPrint; pyHanko"): give both the same."""
    trailer = writer.prev.trailer_view
    if "/Metadata" not in writer.root or "/Info" not in trailer:
        return
    old = trailer["/Info"]
    info = generic.DictionaryObject({key: old.raw_get(key) for key in list(old)})
    if "/Producer" in info:
        info["/Producer"] = generic.TextStringObject(VENDOR)
        writer.set_info(info)


def seal_pdf(data: bytes, *, seal: IssuingSeal, signer_name: str, place: str = "") -> SealResult:
    """The frozen PDF with the organisation's signature and visible seal appended (an incremental update)."""
    signed_at = timezone.localtime()
    organisation = seal.agency.name
    image = stamp_image(
        seal_name=seal.seal_name or organisation, organisation=organisation, signed_at=signed_at, demo=seal.is_demo
    )
    width_mm, height_mm = image.width / PX_PER_MM, image.height / PX_PER_MM
    placement = seal_placement(data, signer_name=signer_name, width_mm=width_mm, height_mm=height_mm)
    field_name = f"Seal-{seal.agency.code}-{signed_at:%Y%m%d%H%M%S}"
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    _producer_in_step(writer)
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=_("Con dấu số của cơ quan ban hành"),
            location=place or None,
            name=organisation,
        ),
        signer=_signer(seal),
        stamp_style=StaticStampStyle(background=PdfImage(image), border_width=0, background_opacity=1.0),
        new_field_spec=fields.SigFieldSpec(sig_field_name=field_name, on_page=placement.page, box=placement.box),
    )
    output = call(pdf_signer.sign_pdf, writer, bytes_reserved=SIGNATURE_BYTES)
    subject = pdf_signer.signer.signing_cert.subject
    return SealResult(
        data=output.getvalue(), signed_at=signed_at, subject=subject.native.get("common_name") or subject.human_friendly
    )


def notice_seal(*, notice: ConclusionNotice, actor) -> SignedCopy | None:
    """At issue: the server signs the frozen PDF with the issuing body's seal; the sealed copy becomes official.
    Without a seal (or with an expired one) the notice stays unsigned and its page says so; the issue goes on."""
    seal = seal_of(notice.issuing_agency_id)
    if seal is None or not notice.pdf or seal.not_after <= timezone.now():
        return None
    started, cpu = time.perf_counter(), time.process_time()
    result = seal_pdf(frozen_bytes(notice), seal=seal, signer_name=notice.signer_name, place=notice.place)
    signer = {
        "signer": result.subject,
        "organisation": seal.agency.name,
        "signing_time": result.signed_at.isoformat(timespec="seconds"),
    }
    copy = store_signed_copy(
        notice=notice, data=result.data, source=SignatureSource.SEAL, signers=[signer], actor=actor
    )
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    log.info("notice %s sealed in %.3f s (%.3f s CPU)", notice.pk, seconds, cpu)
    record(
        actor=actor,
        action="notice.seal",
        target=notice,
        conference=notice.conference,
        message=_("Ký số bằng con dấu của %(agency)s") % {"agency": seal.agency},
        sha256=copy.sha256,
        certificate=seal.fingerprint,
        seconds=round(seconds, 3),
    )
    return copy
