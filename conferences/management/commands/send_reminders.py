"""python manage.py send_reminders [--dry-run] [--date YYYY-MM-DD] [--force]: one reminder pass by hand.

The same pass beat runs every morning (notifications.run_reminder_pass); safe to run again the same
day: what was already sent is not sent twice.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from conferences.notifications.reminders import GROUP_TITLES, Group, run_pass


class Command(BaseCommand):
    help = "Chạy một lượt nhắc việc: in ra ai nhận những gì (--dry-run: chỉ in, không ghi, không gửi)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in những gì sẽ gửi, không ghi gì.")
        parser.add_argument("--date", help="Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay).")
        parser.add_argument("--force", action="store_true", help="Chạy cả khi ngày đó không phải ngày làm việc.")

    def handle(self, *args, dry_run=False, date=None, force=False, **options):
        translation.activate("vi")
        day = self._parse(date)
        result = run_pass(day=day, dry_run=dry_run, force=force)
        if result.skipped_reason:
            self.stdout.write(self.style.WARNING(result.skipped_reason))
            return
        header = "[THỬ, KHÔNG GỬI] " if dry_run else ""
        self.stdout.write(f"{header}Lượt nhắc việc ngày {result.day:%d/%m/%Y}")
        for outcome in result.outcomes:
            address = outcome.email or "không có địa chỉ thư: chỉ thông báo trong hệ thống"
            self.stdout.write(f"\n{outcome.name} <{address}>: {len(outcome.reminders)} việc")
            by_group: dict[str, list] = {}
            for reminder in outcome.reminders:
                by_group.setdefault(reminder.group, []).append(reminder)
            for group, title in GROUP_TITLES.items():
                for index, reminder in enumerate(by_group.get(group, [])):
                    if index == 0:
                        self.stdout.write(f"  {title}:")
                    prefix = f"{reminder.agency}: " if group == Group.ESCALATED else ""
                    self.stdout.write(f"    - {prefix}{reminder.text}")
        verb = "sẽ gửi" if dry_run else "đã xếp gửi"
        self.stdout.write(
            self.style.SUCCESS(
                f"\n{len(result.outcomes)} người, {result.reminders} lượt nhắc; {verb} {result.emails} thư tổng hợp."
            )
        )

    def _parse(self, value: str | None) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {value!r} (dạng YYYY-MM-DD, ví dụ 2024-11-20).") from exc
