import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conferences.models import AuditEvent
from petitions.models import Petition, PetitionAttachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _post(world, **overrides):
    data = {
        "content": "Đề nghị hỗ trợ vốn vay khởi nghiệp cho thanh niên xã Tân Minh như thế nào?",
        "submitting_unit": "Bí thư Đoàn xã Tân Minh",
        "bridge_point": world.sites["Tân Minh"].pk,
        "issue_group": world.groups[0].pk,
        "channel": "form",
        "parts-TOTAL_FORMS": "0",
        "parts-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_two_part_petition_is_logged_with_its_parts_in_order(client, world):
    client.force_login(world.union)
    data = _post(
        world,
        **{
            "parts-TOTAL_FORMS": "3",
            "parts-0-content": "Mức vay tối đa là bao nhiêu?",
            "parts-1-content": "Câu hỏi đã bỏ",
            "parts-1-DELETE": "on",
            "parts-2-content": "Thủ tục vay gồm những gì?",
        },
    )
    response = client.post(reverse("petitions:create", args=[world.conference.slug]), data)
    petition = Petition.objects.get()
    assert response.status_code == 302 and response["Location"] == petition.get_absolute_url()
    assert petition.number == 1 and petition.created_by == world.union
    assert list(petition.sub_questions.values_list("position", "content")) == [
        (1, "Mức vay tối đa là bao nhiêu?"),
        (2, "Thủ tục vay gồm những gì?"),
    ]
    assert "thu tuc vay" in petition.search_text  # the parts are searchable
    assert AuditEvent.objects.filter(action="petition.create", target_id=petition.pk).exists()


def test_save_and_add_another_keeps_the_site_group_and_channel(client, world):
    client.force_login(world.union)
    url = reverse("petitions:create", args=[world.conference.slug])
    response = client.post(url, _post(world, channel="spoken", save_and_add="1"))
    assert response.status_code == 302 and response["Location"].startswith(url + "?")
    form = client.get(response["Location"]).context["form"]
    assert str(form.initial["bridge_point"]) == str(world.sites["Tân Minh"].pk)
    assert str(form.initial["issue_group"]) == str(world.groups[0].pk)
    assert form.initial["channel"] == "spoken"


def test_numbers_follow_on_per_conference(client, world):
    client.force_login(world.union)
    url = reverse("petitions:create", args=[world.conference.slug])
    for i in range(3):
        client.post(url, _post(world, content=f"Kiến nghị số {i} về đào tạo nghề cho thanh niên?"))
    assert list(Petition.objects.order_by("number").values_list("number", flat=True)) == [1, 2, 3]


def test_a_bad_form_keeps_everything_typed_and_says_what_is_wrong(client, world):
    client.force_login(world.union)
    data = _post(world, submitting_unit="", **{"parts-TOTAL_FORMS": "1", "parts-0-content": "Phần một?"})
    response = client.post(reverse("petitions:create", args=[world.conference.slug]), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Trường này là bắt buộc" in content or "This field is required" in content
    assert "Đề nghị hỗ trợ vốn vay khởi nghiệp" in content and "Phần một?" in content
    assert not Petition.objects.exists()


def test_attachments_are_accepted_by_content_and_downloadable_by_who_can_see_the_petition(client, world):
    client.force_login(world.union)
    files = [
        SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/octet-stream"),
        SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
        SimpleUploadedFile("de-xuat.docx", _docx(), content_type="application/msword"),
    ]
    response = client.post(
        reverse("petitions:create", args=[world.conference.slug]), {**_post(world), "attachments": files}
    )
    assert response.status_code == 302
    attachments = {a.original_name: a for a in PetitionAttachment.objects.all()}
    assert {a.content_type for a in attachments.values()} == {
        "application/pdf",
        "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    # The stored path never uses the user's file name.
    assert all("bien-ban" not in a.file.name for a in attachments.values())
    download = client.get(reverse("petitions:attachment", args=[attachments["bien-ban.pdf"].pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    client.force_login(world.other_union)
    assert client.get(reverse("petitions:attachment", args=[attachments["bien-ban.pdf"].pk])).status_code == 404


def test_a_file_pretending_by_its_name_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world.union)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    response = client.post(
        reverse("petitions:create", args=[world.conference.slug]), {**_post(world), "attachments": [fake]}
    )
    assert response.status_code == 200
    assert "không phải PDF, ảnh (JPG, PNG), Word (.docx) hoặc Excel (.xlsx)" in response.content.decode()
    assert not Petition.objects.exists() and not PetitionAttachment.objects.exists()


def test_a_zip_that_is_not_an_office_file_is_refused(client, world):
    client.force_login(world.union)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    fake = SimpleUploadedFile("de-xuat.docx", out.getvalue())
    response = client.post(
        reverse("petitions:create", args=[world.conference.slug]), {**_post(world), "attachments": [fake]}
    )
    assert response.status_code == 200
    assert not Petition.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, world, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(world.union)
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * 2048)
    response = client.post(
        reverse("petitions:create", args=[world.conference.slug]), {**_post(world), "attachments": [big]}
    )
    assert "vượt giới hạn" in response.content.decode()
    assert not Petition.objects.exists()


def test_editing_changes_parts_in_place_and_refuses_a_stale_version(client, world):
    client.force_login(world.union)
    client.post(
        reverse("petitions:create", args=[world.conference.slug]),
        _post(world, **{"parts-TOTAL_FORMS": "2", "parts-0-content": "Một?", "parts-1-content": "Hai?"}),
    )
    petition = Petition.objects.get()
    one, two = petition.sub_questions.order_by("position")
    data = _post(
        world,
        content="Đề nghị hỗ trợ vốn vay ưu đãi cho thanh niên khởi nghiệp ở xã Tân Minh?",
        version=petition.version,
        **{
            "parts-TOTAL_FORMS": "3",
            "parts-INITIAL_FORMS": "2",
            "parts-0-id": two.pk,
            "parts-0-content": "Hai (sửa)?",
            "parts-1-id": one.pk,
            "parts-1-content": "Một?",
            "parts-1-DELETE": "on",
            "parts-2-content": "Ba?",
        },
    )
    url = reverse("petitions:edit", args=[petition.pk])
    assert client.post(url, data).status_code == 302
    petition.refresh_from_db()
    assert petition.version == 2 and "vay ưu đãi" in petition.content
    parts = list(petition.sub_questions.order_by("position").values_list("pk", "content"))
    assert parts[0] == (two.pk, "Hai (sửa)?") and parts[1][1] == "Ba?" and len(parts) == 2
    response = client.post(url, {**data, "content": "Bản cũ ghi đè nội dung mới của người khác?"})
    assert response.status_code == 200 and "vừa được người khác sửa" in response.content.decode()
    petition.refresh_from_db()
    assert "vay ưu đãi" in petition.content


def test_the_unit_field_suggests_earlier_spellings(client, world):
    from tests.factories import PetitionFactory

    PetitionFactory(
        conference=world.conference, bridge_point=world.sites["Đội Cấn"], submitting_unit="Chi đoàn thôn Nà Pàn"
    )
    client.force_login(world.union)
    response = client.get(reverse("petitions:create", args=[world.conference.slug]))
    assert '<option value="Chi đoàn thôn Nà Pàn">' in response.content.decode()
