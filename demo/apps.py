from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data from the real documents. The top floor: it may use every app, no app may use it."""

    name = "demo"
    verbose_name = "Dữ liệu mẫu"
