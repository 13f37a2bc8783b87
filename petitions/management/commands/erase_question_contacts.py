"""python manage.py erase_question_contacts [--dry-run] [--months N] [--date YYYY-MM-DD]

The nightly pass beat runs (petitions.questions_housekeeping), by hand: unconfirmed questions older than 48 hours
are deleted, old address digests cleared, and the name and contacts of senders erased N months
(QUESTION_CONTACT_RETENTION_MONTHS) after their conference's conclusion notice was issued. The questions, their
petitions and answers stay. Safe to run again: what was erased is not touched twice.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from petitions.questions.privacy import questions_housekeeping, retention_months


class Command(BaseCommand):
    help = (
        "Xóa câu hỏi chưa xác nhận quá 48 giờ và xóa họ tên, thông tin liên hệ của người gửi câu hỏi sau thời hạn "
        "lưu giữ tính từ ngày ban hành thông báo kết luận."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xóa gì.")
        parser.add_argument("--months", type=int, help="Số tháng lưu giữ (mặc định QUESTION_CONTACT_RETENTION_MONTHS).")
        parser.add_argument("--date", help="Tính đến ngày, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, dry_run=False, months=None, date=None, **options):
        if months is not None and months < 0:
            raise CommandError("--months phải là số không âm.")
        try:
            today = date and _parse(date)
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {date} (cần YYYY-MM-DD).") from exc
        result = questions_housekeeping(today=today or None, months=months, dry_run=dry_run)
        months = retention_months() if months is None else months
        verb = "sẽ" if dry_run else "đã"
        self.stdout.write(f"Câu hỏi chưa xác nhận quá 48 giờ {verb} xóa: {result.expired}")
        self.stdout.write(f"Dấu địa chỉ mạng cũ {verb} xóa: {result.digests_cleared}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Người gửi {verb} xóa họ tên và liên hệ ({months} tháng sau thông báo kết luận): {result.erased}"
            )
        )


def _parse(value: str) -> date:
    return date.fromisoformat(value)
