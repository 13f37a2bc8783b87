from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConclusionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conclusions"
    verbose_name = _("Thông báo kết luận")

    def ready(self):
        # Stored deadlines of this app move with the office calendar (conferences.deadlines calls this on a change);
        # what it reminds joins the daily reminder pass (conferences.notifications.reminders).
        from conferences.deadlines import register_recompute
        from conferences.notifications.reminders import register_source

        from .notices.deadlines import directives_recompute_deadlines
        from .reminders import directive_reminders

        register_recompute("directive", directives_recompute_deadlines)
        register_source("directive", directive_reminders)
