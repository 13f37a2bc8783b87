"""python manage.py import_petitions --conference lang-son-2024 danh-sach.xlsx [--dry-run] [--user doan_tinh]

The same reading and checks as the web import. Prints every row with a problem; without --dry-run imports all
good rows in one transaction (or nothing with --strict when any row has an error).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from conferences.errors import Refused
from conferences.models import Conference
from petitions.services import intake


class Command(BaseCommand):
    help = "Nhập danh sách kiến nghị từ tệp Excel (.xlsx) vào một hội nghị."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx")
        parser.add_argument("--conference", required=True, help="Mã (slug) hoặc số ID của hội nghị")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì")
        parser.add_argument(
            "--user", help="Nhập với phạm vi và tên của người dùng này (mặc định: tài khoản quản trị đầu tiên)"
        )
        parser.add_argument("--strict", action="store_true", help="Không nhập gì nếu có dòng lỗi")

    def handle(self, *args, **options):
        lookup = Q(slug=options["conference"])
        if options["conference"].isdigit():
            lookup |= Q(pk=int(options["conference"]))
        conference = Conference.objects.filter(lookup).select_related("organising_unit").first()
        if conference is None:
            raise CommandError(f"Không có hội nghị “{options['conference']}”.")
        users = get_user_model().objects.filter(is_active=True)
        if options["user"]:
            actor = users.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Không có người dùng “{options['user']}”.")
        else:
            # Recorded as the uploader and in the audit log: the first administrator stands for the system.
            actor = users.filter(is_superuser=True).order_by("pk").first()
            if actor is None:
                raise CommandError("Chưa có tài khoản quản trị; hãy chỉ định --user.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không thấy tệp {path}.")

        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            try:
                if options["dry_run"]:
                    report = intake.import_check(
                        conference=conference, fileobj=handle, size=path.stat().st_size, actor=actor
                    ).as_json()
                    self._print(report["rows"], report["counts"], report["ignored_headers"])
                    self.stdout.write(self.style.WARNING("Chạy thử (--dry-run): không ghi gì."))
                    return
                batch = intake.import_start(conference=conference, upload=upload, actor=actor, read_now=True)
            except Refused as refused:
                raise CommandError(str(refused)) from refused
        if batch.is_failed:
            intake.import_discard(batch=batch)
            raise CommandError(batch.message)
        counts = batch.report["counts"]
        self._print(batch.report["rows"], counts, batch.report["ignored_headers"])
        if options["strict"] and counts["errors"]:
            intake.import_cancel(batch=batch, actor=actor)
            raise CommandError("Có dòng lỗi (--strict): không nhập gì.")
        if not counts["good"]:
            intake.import_cancel(batch=batch, actor=actor)
            raise CommandError("Không có dòng hợp lệ nào để nhập.")
        try:
            result = intake.import_confirm(batch=batch, actor=actor, expected_good=counts["good"])
        except Refused as refused:
            raise CommandError(str(refused)) from refused
        if result.changed:
            raise CommandError("Dữ liệu đã thay đổi trong lúc kiểm tra; hãy chạy lại.")
        last = result.first_number + result.imported - 1
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {result.imported} kiến nghị (số {result.first_number}–{last})."))

    def _print(self, rows: list[dict], counts: dict, ignored: list[str]) -> None:
        if ignored:
            self.stdout.write("Cột không nhập: " + ", ".join(ignored))
        for row in rows:
            if row["section"]:
                continue
            for error in row["errors"]:
                self.stdout.write(f"Dòng {row['line']}: LỖI – {error}")
            for warning in row["warnings"]:
                self.stdout.write(f"Dòng {row['line']}: lưu ý – {warning}")
        self.stdout.write(
            f"{counts['rows']} dòng: {counts['good']} hợp lệ, {counts['errors']} có lỗi, "
            f"{counts['warnings']} cần lưu ý."
        )
