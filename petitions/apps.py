from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "petitions"
    verbose_name = _("Kiến nghị và trả lời")

    def ready(self):
        # Stored deadlines of this app move with the office calendar (conferences.deadlines calls this on a change);
        # what it reminds joins the daily reminder pass (conferences.notifications.reminders).
        from conferences.deadlines import register_recompute
        from conferences.notifications.reminders import register_source

        from .reminders import answer_reminders, intake_reminders
        from .services.answering import assignments_recompute_deadlines

        register_recompute("assignment", assignments_recompute_deadlines)
        register_source("answer", answer_reminders)
        register_source("intake", intake_reminders)
