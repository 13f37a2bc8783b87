"""Home Affairs uploads the notice signed with a token: accepted only when it is the frozen PDF with signatures
appended, intact and chaining to a trust root; it then becomes the official copy (audited). Anything else is
refused with a message, and changes nothing."""

import hashlib
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from conclusions.models import ConclusionNotice, SignatureSource
from conclusions.signing.copies import frozen_bytes, official_bytes, official_copy
from conferences.audit import history_for
from conferences.models import Role
from tests.factories import AgencyFactory, UnitFactory, make_user
from tests.notices.conftest import build_world

from .conftest import issue

pytestmark = pytest.mark.django_db


def _upload(client, user, notice, data: bytes, name="da-ky.pdf"):
    client.force_login(user)
    url = reverse("conclusions:notice_signed_upload", args=[notice.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type="application/pdf")}, follow=True)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_properly_signed_upload_is_accepted_and_becomes_the_official_copy(client, world, sealed, trusted_token):
    signed = trusted_token.sign(official_bytes(sealed))  # on top of the organisation's seal
    response = _upload(client, world.officer, sealed, signed)
    assert "Đã nhận bản ký số" in _messages(response)
    official = official_copy(sealed)
    assert official.signed.source == SignatureSource.UPLOAD and official.sha256 == hashlib.sha256(signed).hexdigest()
    assert [s["signer"] for s in official.signed.signers] == [world.ubnd.name, "Nguyễn Văn An"]
    page = client.get(reverse("conclusions:notice_detail", args=[sealed.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "Bản đã ký số được tải lên" in page
    public = client.get(reverse("public:notice_file", args=[sealed.conference.slug, sealed.revision, "pdf"]))
    assert b"".join(public.streaming_content) == signed
    event = [e for e in history_for(sealed) if e.action == "notice.signed_upload"]
    assert event and event[0].actor == world.officer and event[0].data["sha256"] == official.sha256


def test_the_frozen_pdf_signed_without_the_seal_is_accepted_too(client, world, trusted_token):

    notice = issue(world)  # no seal: the clerk signs the frozen PDF with the token
    response = _upload(client, world.officer, notice, trusted_token.sign(frozen_bytes(notice)))
    assert "Đã nhận bản ký số" in _messages(response)
    assert official_copy(notice).signed is not None


def _refused(client, world, notice, data, expected: str):
    before = official_copy(notice).sha256
    response = _upload(client, world.officer, notice, data)
    assert expected in _messages(response)
    assert official_copy(notice).sha256 == before
    assert "notice.signed_upload" not in [e.action for e in history_for(notice)]


def test_a_tampered_upload_one_byte_changed_in_the_document_is_refused(client, world, sealed, trusted_token):
    signed = bytearray(trusted_token.sign(official_bytes(sealed)))
    signed[len(signed) // 3] ^= 0x01
    _refused(client, world, sealed, bytes(signed), "Tệp đã bị sửa đổi")


def test_a_tampered_upload_one_byte_changed_after_signing_is_refused(client, world, sealed, trusted_token):
    original = official_bytes(sealed)
    signed = bytearray(trusted_token.sign(original))
    signed[-200] ^= 0x01  # inside the appended signature revision, past the signature's value
    message = _upload(client, world.officer, sealed, bytes(signed))
    text = _messages(message)
    assert "không còn nguyên vẹn" in text or "không bao trùm toàn bộ tệp" in text or "không phải tệp PDF" in text


def test_a_foreign_pdf_is_refused(client, world, sealed, trusted_token):

    other = build_world("Bình Yên")
    foreign = issue(other)
    _refused(client, world, sealed, trusted_token.sign(frozen_bytes(foreign)), "không phải bản PDF của Thông báo")


def test_a_file_that_is_not_a_pdf_is_refused(client, world, sealed):
    _refused(client, world, sealed, b"PK\x03\x04 not a pdf at all", "không phải tệp PDF")


def test_a_signature_by_an_untrusted_key_is_refused(client, world, sealed, stranger_token):
    _refused(client, world, sealed, stranger_token.sign(official_bytes(sealed)), "Không xác định được người ký")


def test_an_upload_without_a_new_signature_is_refused(client, world, sealed):
    _refused(client, world, sealed, frozen_bytes(sealed), "không có chữ ký số nào")


def test_pages_added_after_the_frozen_pdf_are_refused_even_if_signed(client, world, sealed, trusted_token):

    writer = IncrementalPdfFileWriter(BytesIO(official_bytes(sealed)), strict=False)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (Sua) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    _refused(client, world, sealed, trusted_token.sign(out.getvalue()), "không chỉ là chữ ký số")


@pytest.mark.parametrize("role", ["youth", "agency_officer", "leader", "outsider"])
def test_only_home_affairs_of_the_notice_s_unit_may_upload(client, world, sealed, trusted_token, role):
    signed = trusted_token.sign(official_bytes(sealed))
    client.force_login(getattr(world, role))
    url = reverse("conclusions:notice_signed_upload", args=[sealed.pk])
    response = client.post(url, {"file": SimpleUploadedFile("a.pdf", signed, content_type="application/pdf")})
    assert response.status_code in (403, 404)
    assert official_copy(sealed).signed.source == SignatureSource.SEAL


def test_home_affairs_of_another_district_may_not_upload(client, world, sealed, trusted_token):

    stranger = make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=UnitFactory(name="Huyện Khác")))
    client.force_login(stranger)
    url = reverse("conclusions:notice_signed_upload", args=[sealed.pk])
    data = trusted_token.sign(official_bytes(sealed))
    response = client.post(url, {"file": SimpleUploadedFile("a.pdf", data, content_type="application/pdf")})
    assert response.status_code in (403, 404)


def test_an_upload_over_the_size_limit_is_refused(client, world, sealed, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _upload(client, world.officer, sealed, official_bytes(sealed))
    assert "vượt giới hạn" in _messages(response)


def test_a_tool_tagging_its_widget_in_a_tagged_pdf_is_accepted(client, world, trusted_token):
    """A tagged PDF (the PDF/A render is tagged): a signing tool may add its widget to the structure tree."""

    notice = issue(world)
    tagged = PdfWriter(clone_from=PdfReader(BytesIO(frozen_bytes(notice))))
    tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): ArrayObject()})
    tagged._root_object[NameObject("/StructTreeRoot")] = tagged._add_object(tree)
    buffer = BytesIO()
    tagged.write(buffer)
    notice.pdf.save("tagged.pdf", ContentFile(buffer.getvalue()), save=False)  # as the PDF/A render frozen it
    ConclusionNotice.objects.filter(pk=notice.pk).update(pdf=notice.pdf.name)

    writer = IncrementalPdfFileWriter(BytesIO(buffer.getvalue()), strict=False)
    root = writer.root["/StructTreeRoot"]
    root["/K"] = generic.ArrayObject([generic.DictionaryObject({"/Type": generic.NameObject("/StructElem")})])
    writer.update_container(root)
    out = BytesIO()
    writer.write(out)
    response = _upload(client, world.officer, notice, trusted_token.sign(out.getvalue()))
    assert "Đã nhận bản ký số" in _messages(response)
