"""The roots a signature must chain to: the PEM files of SIGNATURE_TRUST_ROOTS and the TrustRoot rows (an
administrator's, the demo CA's)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from pyhanko_certvalidator import ValidationContext

from conferences.audit import record
from conferences.errors import Refused

from ..models import TrustRoot


def _certificates(data: bytes) -> list[x509.Certificate]:
    if pem.detect(data):
        return [x509.Certificate.load(der) for _kind, _headers, der in pem.unarmor(data, multiple=True)]
    return [x509.Certificate.load(data)]


def configured_roots() -> list[x509.Certificate]:
    """Every trust root: the settings' files, then the database's."""
    roots = []
    for path in getattr(settings, "SIGNATURE_TRUST_ROOTS", []):
        roots += _certificates(Path(path).read_bytes())
    for text in TrustRoot.objects.values_list("certificate_pem", flat=True):
        roots += _certificates(text.encode())
    return roots


def validation_context() -> ValidationContext:
    """Offline validation (closed office networks): no fetching; revocation checked when the file carries it."""
    return ValidationContext(trust_roots=configured_roots(), allow_fetching=False, revocation_mode="soft-fail")


def trust_root_add(*, name: str, certificate_pem: str, actor, is_demo: bool = False) -> TrustRoot:
    """Trust a root certificate (idempotent by its fingerprint)."""
    try:
        (certificate,) = _certificates(certificate_pem.encode())
    except ValueError as exc:
        raise Refused(_("Không đọc được chứng thư gốc (cần một chứng thư dạng PEM).")) from exc
    fingerprint = hashlib.sha256(certificate.dump()).hexdigest()
    with transaction.atomic():
        root, created = TrustRoot.objects.get_or_create(
            fingerprint=fingerprint,
            defaults={"name": name, "certificate_pem": certificate_pem, "is_demo": is_demo},
        )
        if created:
            record(actor=actor, action="signing.trust_root_add", target=root, message=name, fingerprint=fingerprint)
    return root
