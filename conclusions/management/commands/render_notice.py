"""Write a conference's conclusion notice to a file: the current draft rendered now, or the issued version as
stored (the frozen file, byte for byte).

    python manage.py render_notice --conference lang-son-2023 --output out.pdf
    python manage.py render_notice --conference trang-dinh-2024 --format docx --output tb.docx
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conclusions.models import ConclusionNotice
from conclusions.notices.documents.formats import FORMATS
from conclusions.notices.documents.render import render_notice
from conferences.models import Conference


class Command(BaseCommand):
    help = "Xuất thông báo kết luận của một hội nghị ra tệp PDF, DOCX hoặc XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--conference", required=True, help="mã hội nghị, ví dụ lang-son-2023")
        parser.add_argument("--output", required=True, help="đường dẫn tệp ghi ra")
        parser.add_argument("--format", choices=FORMATS, default=None, help="mặc định theo đuôi tệp, hoặc pdf")
        parser.add_argument("--revision", type=int, default=None, help="lần ban hành (mặc định: bản hiện hành)")
        parser.add_argument("--rerender", action="store_true", help="tạo lại cả khi đã có tệp lưu khi ban hành")
        parser.add_argument("--workers", type=int, default=None, help="số tiến trình dàn trang (mặc định: số CPU)")

    def handle(self, *args, **options):
        output = Path(options["output"])
        fmt = options["format"] or (output.suffix.lstrip(".").lower() if output.suffix else "pdf")
        if fmt not in FORMATS:
            raise CommandError(f"Định dạng không hỗ trợ: {fmt} (chọn một trong {', '.join(FORMATS)})")
        conference = Conference.objects.filter(slug=options["conference"]).first()
        if conference is None:
            raise CommandError(f"Không có hội nghị mã “{options['conference']}”.")
        if options["revision"]:
            notice = ConclusionNotice.objects.filter(conference=conference, revision=options["revision"]).first()
        else:
            notice = ConclusionNotice.objects.current_for(conference)
        if notice is None:
            raise CommandError("Hội nghị này chưa có thông báo kết luận (hãy tạo dự thảo trên cổng).")
        stored = getattr(notice, fmt)
        started = time.perf_counter()
        if not notice.is_draft and stored and not options["rerender"] and stored.storage.exists(stored.name):
            with stored.open("rb") as handle:
                data = handle.read()
            what = f"bản đã ban hành {notice.number_label} (tệp lưu)"
            pages = ""
        else:
            rendered = render_notice(notice, fmt, workers=options["workers"])
            data = rendered.data
            what = "dự thảo" if notice.is_draft else f"bản {notice.number_label} (tạo lại)"
            pages = f", {rendered.pages} trang" if rendered.pages else ""
        output.write_bytes(data)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Đã ghi {output} ({fmt.upper()}, {what}{pages}, {len(data):,} byte, {elapsed:.2f} giây)")
