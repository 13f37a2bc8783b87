"""The outbox tasks moved with the outbox (conferences.notifications.outbox) and got names of their own; the beat
schedule that conclusions 0003 registered is pointed at the new name."""

from django.db import migrations

RENAMED = {"conclusions.tasks.reminders.sweep_outbox": "notifications.sweep_outbox"}


def rename(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new in RENAMED.items():
        PeriodicTask.objects.filter(task=old).update(task=new)


def unrename(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new in RENAMED.items():
        PeriodicTask.objects.filter(task=new).update(task=old)


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0003_notifications_moved"),
        ("conclusions", "0003_reminder_beat_schedules"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
