"""Issue 16 item 2: a request body is refused by its size before anything reads it, and one request carries at most
REQUEST_MAX_BYTES in total and ten files."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


def test_a_body_declared_over_the_cap_is_refused_before_it_is_read(client, caplog):
    # The test client's payload holds 10 bytes and fails the test if the view reads more: 200 MB were read before.
    with caplog.at_level(logging.WARNING):
        response = client.generic(
            "POST",
            "/accounts/login/",
            b"username=a",
            content_type="application/x-www-form-urlencoded",
            CONTENT_LENGTH=str(200 * 1024 * 1024),
        )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Lần gửi này lớn 200,0 MB, vượt giới hạn 21 MB mỗi lần gửi" in page
    assert response["Connection"] == "close"
    assert "request body of 209715200 bytes refused" in caplog.text


def test_ten_files_under_the_file_limit_but_over_the_request_limit_are_refused(client, settings):
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    files = [SimpleUploadedFile(f"tep-{i}.pdf", b"%PDF-1.4 " + b"x" * 200_000) for i in range(10)]
    response = client.post("/accounts/login/", {"username": "a", "password": "b", "attachments": files})
    assert response.status_code == 413


def test_more_than_ten_files_in_one_request_are_refused(client):
    files = [SimpleUploadedFile(f"tep-{i}.pdf", b"%PDF-1.4") for i in range(11)]
    response = client.post("/accounts/login/", {"username": "a", "password": "b", "attachments": files})
    assert response.status_code == 400


def test_a_body_under_the_cap_goes_through(client):
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 200  # the login form again, with its error
