from django.core.management.base import BaseCommand

from demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu từ các văn bản thật (Lạng Sơn 2023, 2024; Tràng Định 2024). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, description in logins:
            self.stdout.write(f"  {username:<24} {description}")
