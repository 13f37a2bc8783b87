"""The reminder pass moved beside its engine (conferences.notifications.reminders) and got the notifications
name; the daily beat schedule that conclusions 0003 registered is pointed at it."""

from django.db import migrations

RENAMED = {"conclusions.tasks.reminders.run_reminder_pass": "notifications.run_reminder_pass"}


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
        ("conferences", "0005_conference_concluded_on"),
        ("conclusions", "0003_reminder_beat_schedules"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
