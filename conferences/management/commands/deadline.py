"""Compute a deadline on the Vietnamese office calendar, for officers and for scripts.

python manage.py deadline --from 2024-04-12 --working-days 45      -> 2024-06-19
python manage.py deadline --from 23/03/2023 --days 10 --explain    -> 2023-04-03 and how it was computed
"""

from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError

from conferences import workdays


def _parse_day(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: {value!r} (dùng YYYY-MM-DD hoặc dd/mm/yyyy)")


class Command(BaseCommand):
    help = "Tính hạn theo ngày làm việc hoặc ngày theo lịch (Bộ luật Dân sự Điều 147-148)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="Ngày bắt đầu (YYYY-MM-DD hoặc dd/mm/yyyy)")
        rule = parser.add_mutually_exclusive_group(required=True)
        rule.add_argument("--working-days", type=int, help="Số ngày làm việc (số âm: đếm lùi)")
        rule.add_argument(
            "--days", type=int, help="Số ngày theo lịch (ngày cuối là ngày nghỉ: chuyển sang ngày làm việc)"
        )
        parser.add_argument("--explain", action="store_true", help="In thêm cách tính hạn")

    def handle(self, *args, start, working_days, days, explain, **options):
        day = _parse_day(start)
        if working_days is not None:
            deadline = workdays.add_working_days(day, working_days)
        else:
            if days < 0:
                raise CommandError("--days phải là số không âm")
            deadline = workdays.add_calendar_days(day, days)
        self.stdout.write(deadline.due.isoformat())
        if explain:
            self.stdout.write(deadline.explanation)
