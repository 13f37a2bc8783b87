"""A province whose People's Committee has a seal (the demo CA's, through the same service an administrator uses),
an issued notice sealed at issue, and a "USB token": a signer outside the portal, trusted or not."""

from dataclasses import dataclass
from datetime import date
from io import BytesIO

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from conclusions.models import ConclusionNotice
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.editing import notice_update
from conclusions.notices.issuing import notice_issue
from conclusions.signing.trust import trust_root_add
from demo.signing import demo_seals, make_ca, make_signer, pem_of
from tests.notices.conftest import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _one_layout_process(settings):
    settings.DOCUMENT_RENDER_WORKERS = 1


def issue(world, *, signer_name="Nguyễn Văn An") -> ConclusionNotice:
    world.petition("Đề nghị hỗ trợ vốn vay khởi nghiệp?", answer="Ngân hàng Chính sách xã hội cho vay.")
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    notice = notice_update(
        notice=notice, changes={"signer_name": signer_name}, expected_version=notice.lock_version, actor=world.officer
    )
    return notice_issue(notice=notice, actor=world.officer, issue_date=date(2024, 4, 5))


@pytest.fixture
def sealed(world) -> ConclusionNotice:
    """Issued after the province's People's Committee got its seal: signed at issue."""
    demo_seals([world.ubnd], None)
    return issue(world)


@dataclass
class Token:
    """A signer outside the portal (a USB token with its certificate)."""

    certificate: object
    key: object
    ca_certificate: object

    def sign(self, data: bytes, field_name: str = "ChuTich") -> bytes:
        der = serialization.Encoding.DER
        key_der = self.key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        chain = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in (self.certificate, self.ca_certificate)]
        signer = signers.SimpleSigner(
            signing_cert=chain[0],
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs(chain),
        )
        meta = signers.PdfSignatureMetadata(
            field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
        )
        output = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(data), strict=False), meta, signer=signer)
        return output.getvalue()


def _token(common_name: str) -> Token:
    ca = make_ca(common_name=f"CA của {common_name}")
    certificate, key = make_signer(ca, common_name=common_name, organisation="Ủy ban nhân dân tỉnh Thử Nghiệm")
    return Token(certificate=certificate, key=key, ca_certificate=ca[0])


@pytest.fixture
def trusted_token(db) -> Token:
    """The chair's token, its CA configured as a trust root (as an administrator adds VGCA's)."""
    token = _token("Nguyễn Văn An")
    trust_root_add(name="CA thử của chủ tịch", certificate_pem=pem_of(token.ca_certificate), actor=None)
    return token


@pytest.fixture
def stranger_token(db) -> Token:
    """A token whose CA the portal does not trust."""
    return _token("Người Lạ")
