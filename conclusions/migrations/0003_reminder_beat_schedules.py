"""Registers the reminder schedules with django-celery-beat (idempotent: rows are found by name and updated).

- every working morning at 07:00 (Asia/Ho_Chi_Minh): one reminder pass (the pass itself skips days off and
  works on swapped Saturdays, so the crontab runs every day);
- every 2 minutes: the outbox sweeper (stuck 'sending' rows, pending rows the broker never got).
"""

from django.db import migrations

SCHEDULES = [
    {
        "name": "Nhắc việc hằng ngày (07:00)",
        "task": "conclusions.tasks.reminders.run_reminder_pass",
        "crontab": {"minute": "0", "hour": "7", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        "description": "Một lượt nhắc việc: thư tổng hợp mỗi người một thư, thông báo trong hệ thống.",
    },
    {
        "name": "Quét hộp thư đi (2 phút)",
        "task": "conclusions.tasks.reminders.sweep_outbox",
        "interval": {"every": 2, "period": "minutes"},
        "description": "Gửi lại thư kẹt ở trạng thái đang gửi hoặc chưa vào hàng đợi.",
    },
]
TIMEZONE = "Asia/Ho_Chi_Minh"


def register(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    for spec in SCHEDULES:
        schedule = {"crontab": None, "interval": None}
        if "crontab" in spec:
            schedule["crontab"], _ = CrontabSchedule.objects.get_or_create(timezone=TIMEZONE, **spec["crontab"])
        else:
            schedule["interval"], _ = IntervalSchedule.objects.get_or_create(**spec["interval"])
        PeriodicTask.objects.update_or_create(
            name=spec["name"],
            defaults={
                "task": spec["task"],
                "queue": "notifications",
                "enabled": True,
                "description": spec["description"],
                **schedule,
            },
        )
    # Tell a running beat to reload (the scheduler watches this row's timestamp).
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[spec["name"] for spec in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conclusions", "0002_notice_render_jobs"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
