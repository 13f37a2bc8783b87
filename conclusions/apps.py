from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConclusionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conclusions"
    verbose_name = _("Thông báo kết luận")

    def ready(self):
        # Stored deadlines of this app move with the office calendar (conferences.deadlines calls this on a change).
        from conferences.deadlines import register_recompute

        from .notices.deadlines import directives_recompute_deadlines

        register_recompute("directive", directives_recompute_deadlines)
