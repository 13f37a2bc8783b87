import pytest
from django.urls import reverse

from conclusions.models import NoticeState

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_issued_pdf_is_served_as_a_download_with_its_hash_as_etag(client, world):
    response = client.get(reverse("public:notice_file", args=[world.conference.slug, 1, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "1428-TB-UBND" in response["Content-Disposition"]
    assert response["ETag"] == f'"{"a" * 64}"'
    assert _body(response).startswith(b"%PDF")


def test_docx_and_appendix_xlsx_are_served_with_their_types(client, world):
    docx = client.get(reverse("public:notice_file", args=[world.conference.slug, 1, "docx"]))
    xlsx = client.get(reverse("public:notice_file", args=[world.conference.slug, 1, "xlsx"]))
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")


def test_a_superseded_notice_keeps_its_frozen_file(client, world):
    world.notice.state = NoticeState.SUPERSEDED
    world.notice.save()
    response = client.get(reverse("public:notice_file", args=[world.conference.slug, 1, "pdf"]))
    assert response.status_code == 200
    assert b"ISSUED NOTICE r1" in _body(response)


def test_an_issued_notice_whose_file_is_missing_is_not_found(client, world):
    world.notice.pdf.storage.delete(world.notice.pdf.name)
    assert client.get(reverse("public:notice_file", args=[world.conference.slug, 1, "pdf"])).status_code == 404
    world.notice.docx = None
    world.notice.save()
    assert client.get(reverse("public:notice_file", args=[world.conference.slug, 1, "docx"])).status_code == 404


def test_posting_to_a_public_url_is_refused(client, world):
    assert client.post(reverse("public:conference", args=[world.conference.slug])).status_code == 405
