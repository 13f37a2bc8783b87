"""python manage.py yearly_report --unit ID --year 2024 --output out.pdf [--format docx] [--date dd/mm/yyyy --number N]
                                   [--signer NAME --signer-title "PHÓ CHỦ TỊCH" --authority "KT. CHỦ TỊCH"]

Writes the yearly report of an organising unit (Decree 13/2021 Art. 12) as PDF or DOCX. Without --number and --date
it is a draft (blank number and day, "DỰ THẢO" on the page); with them it is issued, and is refused without the
signer's name and title (by default the chair of the unit's conference signs TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH).
"""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from conclusions.errors import Refused
from conclusions.stats.report.figures import REPORT_AUTHORITY, REPORT_SIGNER_TITLE, build_yearly_report
from conclusions.stats.report.writers import REPORT_FORMATS
from conclusions.stats.report.writers import render as render_report
from conferences.models import AdministrativeUnit


def _date(value: str):
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {value!r} (dạng dd/mm/yyyy, ví dụ 20/12/2024).") from exc


class Command(BaseCommand):
    help = "Lập báo cáo kết quả đối thoại và giải quyết kiến nghị của thanh niên năm YYYY (PDF hoặc DOCX)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="ID của đơn vị hành chính tổ chức (AdministrativeUnit).")
        parser.add_argument("--year", required=True, type=int, help="Năm báo cáo, ví dụ 2024.")
        parser.add_argument("--output", required=True, help="Tệp kết quả, ví dụ out.pdf.")
        parser.add_argument("--format", choices=REPORT_FORMATS, help="pdf hoặc docx (mặc định theo đuôi tệp).")
        parser.add_argument("--date", type=_date, help="Ngày báo cáo dd/mm/yyyy (để trống: dự thảo).")
        parser.add_argument("--number", type=int, help="Số văn bản đã đăng ký (để trống: dự thảo).")
        parser.add_argument("--signer", default="", help="Họ tên người ký (mặc định: người chủ trì hội nghị).")
        parser.add_argument(
            "--signer-title", default=REPORT_SIGNER_TITLE, help="Chức vụ người ký (mặc định: CHỦ TỊCH)."
        )
        parser.add_argument(
            "--authority", default=REPORT_AUTHORITY, help="Dòng thẩm quyền ký (mặc định: TM. ỦY BAN NHÂN DÂN)."
        )

    def handle(self, *args, **options):
        unit = AdministrativeUnit.objects.filter(pk=options["unit"]).first() if str(options["unit"]).isdigit() else None
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị hành chính có ID {options['unit']!r}.")
        if not 2021 <= options["year"] <= 2100:
            raise CommandError("Năm báo cáo phải từ 2021 (Nghị định 13/2021/NĐ-CP có hiệu lực).")
        output = Path(options["output"])
        fmt = options["format"] or output.suffix.lstrip(".").lower()
        if fmt not in REPORT_FORMATS:
            raise CommandError("Chọn --format pdf hoặc docx, hoặc đặt tên tệp có đuôi .pdf/.docx.")
        if not output.parent.exists():
            raise CommandError(f"Thư mục {output.parent} không tồn tại.")
        try:
            report = build_yearly_report(
                unit=unit,
                year=options["year"],
                today=timezone.localdate(),
                report_date=options["date"],
                number=options["number"],
                signer_name=options["signer"],
                signer_title=options["signer_title"],
                authority=options["authority"],
            )
        except Refused as exc:
            raise CommandError(f"Chưa ban hành được báo cáo: {exc}") from exc
        data, _content_type = render_report(report, fmt)
        output.write_bytes(data)
        state = "dự thảo" if report.is_draft else "chính thức"
        self.stdout.write(
            f"Đã ghi {output} ({fmt.upper()}, {len(data):,} byte, bản {state}): {len(report.conferences)} hội nghị, "
            f"{report.totals['received']} kiến nghị, {report.totals['resolved']} đã trả lời."
        )
