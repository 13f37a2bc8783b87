"""The public verify page (no login): a file issued here is named with its number, date and issuing body and its
signatures' status; anything else is "not a document issued here". Limited per client address."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conclusions.signing.copies import frozen_bytes, official_bytes
from conclusions.signing.views import verify_limit
from petitions.questions import ratelimit
from tests.notices.conftest import build_world

from .conftest import issue

pytestmark = pytest.mark.django_db


def _verify(client, data: bytes):
    upload = SimpleUploadedFile("kiem-tra.pdf", data, content_type="application/pdf")
    return client.post(reverse("public:verify"), {"file": upload})


def test_anyone_may_open_the_verify_page_without_signing_in(client, db):
    response = client.get(reverse("public:verify"))
    assert response.status_code == 200
    assert "Kiểm tra văn bản" in response.content.decode()


def test_the_sealed_official_copy_is_recognised_with_its_valid_signature(client, world, sealed):
    response = _verify(client, official_bytes(sealed))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Đây là Thông báo số 1/TB-UBND ngày 05/04/2024 do Ủy ban nhân dân tỉnh Thử Nghiệm ban hành." in content
    assert 'id="verify-signatures"' in content and "Hợp lệ" in content and world.ubnd.name in content


def test_the_frozen_pdf_is_recognised_too_and_shown_unsigned(client, sealed):
    content = _verify(client, frozen_bytes(sealed)).content.decode()
    assert "Đây là Thông báo số 1/TB-UBND" in content and "Tệp không có chữ ký số." in content


def test_a_copy_signed_afterwards_but_never_uploaded_is_recognised(client, sealed, trusted_token):
    content = _verify(client, trusted_token.sign(official_bytes(sealed))).content.decode()
    assert "Đây là Thông báo số 1/TB-UBND" in content and "có thêm chữ ký số ký sau đó" in content
    assert "Nguyễn Văn An" in content


def test_a_tampered_copy_is_not_a_document_issued_here(client, sealed):
    data = bytearray(official_bytes(sealed))
    data[len(data) // 3] ^= 0x01
    content = _verify(client, bytes(data)).content.decode()
    assert "Không phải văn bản do cổng này ban hành." in content
    assert "Đây là Thông báo" not in content


def test_a_foreign_pdf_is_not_a_document_issued_here(client, sealed, stranger_token):

    other = issue(build_world("Bình Yên"))
    other.signed_copies.all().delete()
    other.pdf_sha256 = "0" * 64  # as if it were issued elsewhere
    other.save(update_fields=["pdf_sha256"])
    content = _verify(client, stranger_token.sign(frozen_bytes(other))).content.decode()
    assert "Không phải văn bản do cổng này ban hành." in content
    assert "Người ký không xác định" in content


def test_a_file_that_is_not_a_pdf_is_answered_plainly(client, db):
    content = _verify(client, b"GIF89a not a pdf").content.decode()
    assert "Tệp này không phải tệp PDF." in content


def test_the_verify_page_is_rate_limited_per_address(client, sealed, settings):

    settings.SIGNATURE_VERIFY_RATE = 2
    ratelimit.reset(verify_limit(), "127.0.0.1")
    data = official_bytes(sealed)
    assert _verify(client, data).status_code == 200
    assert _verify(client, data).status_code == 200
    refused = _verify(client, data)
    assert refused.status_code == 429 and "Vui lòng thử lại sau" in refused.content.decode()
    ratelimit.reset(verify_limit(), "127.0.0.1")
    cache.clear()


def test_an_upload_over_the_size_limit_is_refused_with_a_message(client, sealed, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    content = _verify(client, official_bytes(sealed)).content.decode()
    assert "vượt giới hạn" in content and "Đây là Thông báo" not in content
