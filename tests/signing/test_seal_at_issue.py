"""At issue the server signs the frozen PDF with the issuing body's seal (PAdES, an incremental update with the
visible seal); without a seal the notice is issued unsigned and its page says so."""

import hashlib
import re
import time
from io import BytesIO

import pytest
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from conclusions.models import IssuingSeal, SignatureSource
from conclusions.signing.copies import frozen_bytes, official_bytes
from conclusions.signing.seal import notice_seal, seal_of, seal_pdf
from conclusions.signing.trust import validation_context
from conferences.audit import history_for
from demo.signing import demo_seals

from .conftest import issue

pytestmark = pytest.mark.django_db


def _validate(data: bytes):
    reader = PdfFileReader(BytesIO(data))
    (embedded,) = reader.embedded_signatures
    return embedded, validate_pdf_signature(embedded, signer_validation_context=validation_context())


def test_an_issued_notice_carries_the_seal_pyhanko_validates_covering_the_whole_frozen_document(world, sealed):
    copy = sealed.signed_copies.get()
    assert copy.source == SignatureSource.SEAL
    data = official_bytes(sealed)
    frozen = frozen_bytes(sealed)
    assert data.startswith(frozen) and len(data) > len(frozen)  # the frozen bytes untouched, a revision appended
    assert hashlib.sha256(frozen).hexdigest() == sealed.pdf_sha256
    assert hashlib.sha256(data).hexdigest() == copy.sha256
    embedded, status = _validate(data)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert status.signing_cert.subject.native["common_name"] == world.ubnd.name
    assert status.signer_reported_dt.utcoffset().total_seconds() in (0, 7 * 3600)
    assert "notice.seal" in [e.action for e in history_for(sealed)]


def test_the_seal_sits_in_the_signature_block_of_the_body_s_last_page(sealed):
    embedded, _status = _validate(official_bytes(sealed))
    widget = embedded.sig_field
    x1, y1, x2, y2 = [float(v) for v in widget["/Rect"]]
    mm = 72 / 25.4
    # the seal's circle starts at the signature column's left edge (30 mm margin + 48 % of 165 mm), 36 mm tall
    assert 100 * mm < x1 < 115 * mm and abs((y2 - y1) - 36 * mm) < 1
    assert "/AP" in widget  # a visible appearance


def test_signing_adds_under_half_a_second(world):
    notice = issue(world)  # no seal yet: issued unsigned
    assert notice.signed_copies.count() == 0
    demo_seals([world.ubnd], None)
    started = time.process_time()
    copy = notice_seal(notice=notice, actor=world.officer)
    assert copy is not None
    assert time.process_time() - started < 0.5  # CPU time: the wall clock of a shared CI machine says little


def test_without_a_seal_the_notice_is_issued_unsigned_and_its_page_says_so(client, world):
    assert not IssuingSeal.objects.filter(agency=world.ubnd).exists()
    notice = issue(world)
    assert notice.is_issued and notice.signed_copies.count() == 0
    client.force_login(world.officer)
    content = client.get(reverse("conclusions:notice_detail", args=[notice.pk])).content.decode()
    assert "Chưa ký số" in content
    assert "chưa được cài đặt con dấu số" in content
    response = client.get(reverse("conclusions:notice_download", args=[notice.pk, "pdf"]))
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == notice.pdf_sha256


def test_the_sealed_copy_is_what_the_notice_page_and_the_public_page_serve(client, world, sealed):
    copy = sealed.signed_copies.get()
    client.force_login(world.officer)
    page = client.get(reverse("conclusions:notice_detail", args=[sealed.pk])).content.decode()
    assert "Đã ký số" in page and world.ubnd.name in page
    private = client.get(reverse("conclusions:notice_download", args=[sealed.pk, "pdf"]))
    assert hashlib.sha256(b"".join(private.streaming_content)).hexdigest() == copy.sha256
    client.logout()
    public = client.get(reverse("public:notice_file", args=[sealed.conference.slug, sealed.revision, "pdf"]))
    assert hashlib.sha256(b"".join(public.streaming_content)).hexdigest() == copy.sha256
    assert public["ETag"] == f'"{copy.sha256}"'


XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
    'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
    "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance><pdf:Producer>WeasyPrint</pdf:Producer>"
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
).encode()


def test_sealing_a_pdf_a_keeps_its_identification_and_metadata_in_step(sealed):
    """The PDF/A part and conformance stay, and the information dictionary says what the XMP says (producer)."""

    writer = PdfWriter(clone_from=PdfReader(BytesIO(frozen_bytes(sealed))))
    stream = DecodedStreamObject()
    stream.set_data(XMP)
    stream[NameObject("/Type")], stream[NameObject("/Subtype")] = NameObject("/Metadata"), NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    writer.add_metadata({"/Producer": "WeasyPrint"})
    buffer = BytesIO()
    writer.write(buffer)
    result = seal_pdf(buffer.getvalue(), seal=seal_of(sealed.issuing_agency_id), signer_name=sealed.signer_name)
    reader = PdfReader(BytesIO(result.data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)2', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    producer = re.search(r'pdf:Producer(?:="|>)([^"<]*)', xmp).group(1)
    assert reader.trailer["/Info"]["/Producer"] == producer
