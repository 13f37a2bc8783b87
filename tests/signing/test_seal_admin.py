"""An administrator installs a body's seal by uploading its PKCS#12 with the password (Admin); a wrong password is
refused on the form. The key is kept encrypted, never with the uploaded password."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from conclusions.models import IssuingSeal
from conferences.audit import history_for
from demo.signing import make_ca, make_signer, to_pkcs12
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _post(client, world, p12: bytes, password: str):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    upload = SimpleUploadedFile("seal.p12", p12, content_type="application/x-pkcs12")
    data = {"agency": world.ubnd.pk, "seal_name": "", "pkcs12_file": upload, "password": password}
    return client.post(reverse("admin:conclusions_issuingseal_add"), data)


def test_an_administrator_installs_a_seal_from_a_pkcs12_and_its_password(client, world):
    ca = make_ca()
    p12 = to_pkcs12(make_signer(ca, common_name=world.ubnd.name, organisation=world.ubnd.name), ca[0], "mat-khau")
    response = _post(client, world, p12, "mat-khau")
    assert response.status_code == 302
    seal = IssuingSeal.objects.get(agency=world.ubnd)
    assert world.ubnd.name in seal.subject and not seal.is_demo
    assert b"mat-khau" not in bytes(seal.key_material) and b"PRIVATE" not in bytes(seal.key_material)
    assert "signing.seal_install" in [e.action for e in history_for(seal)]


def test_a_wrong_password_is_refused_on_the_form(client, world):
    ca = make_ca()
    p12 = to_pkcs12(make_signer(ca, common_name="X", organisation="X"), ca[0], "dung")
    response = _post(client, world, p12, "sai")
    assert response.status_code == 200 and "sai mật khẩu" in response.content.decode()
    assert not IssuingSeal.objects.exists()


def test_the_install_seal_command_installs_from_a_file_and_the_environment(world, tmp_path, monkeypatch):

    ca = make_ca()
    path = tmp_path / "seal.p12"
    path.write_bytes(to_pkcs12(make_signer(ca, common_name="UBND", organisation="UBND"), ca[0], "bi-mat"))
    monkeypatch.setenv("SEAL_P12_PASSWORD", "bi-mat")
    call_command("install_seal", "--agency", world.ubnd.code, "--p12", str(path))
    assert IssuingSeal.objects.get(agency=world.ubnd).subject.startswith("CN=UBND")
