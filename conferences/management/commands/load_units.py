from django.core.management.base import BaseCommand, CommandError

from conferences.units import UnknownProvince, load_province_units


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính của một tỉnh (cả bản đồ trước và sau 01/07/2025) từ bộ dữ liệu vietnamadminunits."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='Tên tỉnh, ví dụ "Lạng Sơn" (có hoặc không dấu)')

    def handle(self, *args, province, **options):
        try:
            stats = load_province_units(province)
        except UnknownProvince as exc:
            raise CommandError(f"Không tìm thấy tỉnh/thành phố “{exc}” trong bộ dữ liệu.") from exc
        self.stdout.write(
            f"Đã nạp: {', '.join(stats.provinces)}. Tạo mới {stats.created} đơn vị, "
            f"{stats.successor_links} liên kết kế thừa."
        )
