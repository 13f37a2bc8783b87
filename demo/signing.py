"""A demo certificate authority and demo seals, made at load time (keys are never committed): the CA is clearly
labelled "DEMO — không có giá trị pháp lý", its root is trusted through the same service an administrator uses,
and each issuing body of the demo gets a seal through `seal_install`, as an administrator's upload would.

The CA's key is EC P-256 (milliseconds to make; the demo is loaded before many tests) and is thrown away once the
seals are issued; the seals' keys are RSA 2048: an ECDSA signature makes pyHanko declare PDF 2.0's ISO 32002
extension in the catalogue, which a PDF/A-2 file should not carry.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.utils import timezone

from conclusions.models import IssuingSeal
from conclusions.signing.seal import seal_install
from conclusions.signing.trust import trust_root_add
from conferences.models import Agency

DEMO_LABEL = "DEMO — không có giá trị pháp lý"
DEMO_CA_NAME = f"CA thử nghiệm của cổng ({DEMO_LABEL})"


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_LABEL),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def make_ca(common_name: str = "DEMO CA", organisation: str = DEMO_LABEL, days: int = 3650):
    """(certificate, key) of a self-signed root."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, organisation)
    now = timezone.now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )  # keyCertSign, cRLSign
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def make_signer(ca, common_name: str, organisation: str, days: int = 730):
    """(certificate, key) of a signing certificate issued by `ca` (digitalSignature and nonRepudiation)."""
    ca_certificate, ca_key = ca
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = timezone.now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_certificate.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return certificate, key


def to_pkcs12(signer, ca_certificate, password: str) -> bytes:
    certificate, key = signer
    return pkcs12.serialize_key_and_certificates(
        b"seal", key, certificate, [ca_certificate], serialization.BestAvailableEncryption(password.encode())
    )


def pem_of(certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def demo_seals(bodies: list[Agency], actor) -> int:
    """A demo CA (trusted) and a seal for each issuing body without one; returns how many were installed."""
    missing = [b for b in bodies if not IssuingSeal.objects.filter(agency=b).exists()]
    if not missing:
        return 0
    ca = make_ca(common_name=f"DEMO CA {timezone.localdate():%Y}")
    trust_root_add(name=DEMO_CA_NAME, certificate_pem=pem_of(ca[0]), actor=actor, is_demo=True)
    for body in missing:
        password = secrets.token_urlsafe(16)
        signer = make_signer(ca, common_name=body.name, organisation=body.name)
        seal_install(
            agency=body, pkcs12_data=to_pkcs12(signer, ca[0], password), password=password, actor=actor, is_demo=True
        )
    return len(missing)
