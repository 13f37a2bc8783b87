"""Install an issuing body's seal from its PKCS#12 (the same service as Admin › Con dấu số của cơ quan):

    SEAL_P12_PASSWORD=... manage.py install_seal --agency ubnd-trang-dinh --p12 /run/secrets/ubnd-trang-dinh.p12

The password is read from SEAL_P12_PASSWORD (or asked for); the file can be deleted afterwards: the portal keeps the
key encrypted with SIGNATURE_SEAL_KEY.
"""

import getpass
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conclusions.signing.seal import seal_install
from conferences.errors import Refused
from conferences.models import Agency


class Command(BaseCommand):
    help = "Cài đặt con dấu số (PKCS#12) cho một cơ quan ban hành."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="mã cơ quan (Agency.code), ví dụ ubnd-trang-dinh")
        parser.add_argument("--p12", required=True, help="đường dẫn tệp .p12/.pfx")
        parser.add_argument("--seal-name", default="", help="tên trên con dấu (mặc định: tên cơ quan)")

    def handle(self, *args, agency, p12, seal_name, **options):
        body = Agency.objects.filter(code=agency).first()
        if body is None:
            raise CommandError(f"Không có cơ quan mã {agency}.")
        password = os.environ.get("SEAL_P12_PASSWORD")
        if password is None:
            password = getpass.getpass("Mật khẩu tệp PKCS#12: ")
        try:
            seal = seal_install(
                agency=body, pkcs12_data=Path(p12).read_bytes(), password=password, seal_name=seal_name, actor=None
            )
        except (Refused, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{body}: {seal.subject} (đến {seal.not_after:%d/%m/%Y})")
