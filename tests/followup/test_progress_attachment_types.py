"""Issue 16 item 11: a progress report's attachment is checked by its bytes, as a petition's is, stored under the
extension of that type and served as that type, always as a download: a PDF named .html or .svg never comes back as
a page or an image the browser would run."""

import io
from datetime import date

import pytest
from django.urls import reverse

from conclusions.models import DirectiveProgress
from tests.factories import PASSWORD
from tests.hostile_files import html_as_pdf, svg_image

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def _report(client, world, task, content: bytes, name: str):
    directive = task(world.labour, date(2024, 12, 31))
    client.login(username=world.officer.username, password=PASSWORD)
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(
        reverse("conclusions:directive_report", args=[directive.pk]),
        {"text": "Đã tổ chức tập huấn.", "percent": "50", "attachment": upload},
    )


@pytest.mark.parametrize(
    ("content", "name", "stored", "served", "download"),
    [
        (PDF, "bao-cao.html", ".pdf", "application/pdf", "bao-cao.pdf"),
        (PDF, "minh-chung.svg", ".pdf", "application/pdf", "minh-chung.pdf"),
        (PNG, "anh.svg", ".png", "image/png", "anh.png"),
    ],
)
def test_an_attachment_is_stored_and_served_as_the_type_its_bytes_show(
    client, world, task, content, name, stored, served, download
):
    assert _report(client, world, task, content, name).status_code == 302
    report = DirectiveProgress.objects.get()
    assert report.attachment.name.endswith(stored) and report.attachment_name == name
    response = client.get(reverse("conclusions:progress_attachment", args=[report.pk]))
    assert response["Content-Type"] == served
    assert response["Content-Disposition"] == f'attachment; filename="{download}"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("content", "name"), [(html_as_pdf(), "bao-cao.pdf"), (svg_image(), "anh.png")])
def test_a_page_or_a_drawing_with_script_is_refused_whatever_its_name(client, world, task, content, name):
    response = _report(client, world, task, content, name)
    assert response.status_code == 400 and "đã kiểm tra nội dung tệp" in response.content.decode()
    assert not DirectiveProgress.objects.exists()


def test_a_file_stored_before_the_check_is_served_as_bytes(client, world, task):
    assert _report(client, world, task, PDF, "bao-cao.pdf").status_code == 302
    DirectiveProgress.objects.update(attachment_type="", attachment_name="")
    report = DirectiveProgress.objects.get()
    response = client.get(reverse("conclusions:progress_attachment", args=[report.pk]))
    assert response["Content-Type"] == "application/octet-stream"
