"""Render jobs get a lease (claim, worker, lease_until, attempts), the time they were handed to the broker and a
history (RenderJobEvent); the render-job sweeper is registered with django-celery-beat (every minute, idempotent).
Running jobs from before (no lease) count as stale: the sweeper takes them over."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


SWEEPER = {
    "name": "Quét lượt tạo tệp thông báo (1 phút)",
    "task": "conclusions.sweep_render_jobs",
    "description": "Gửi lại lượt tạo tệp chưa vào hàng đợi; tiếp nhận lượt bị mất tiến trình xử lý.",
}


def register(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=SWEEPER["name"],
        defaults={
            "task": SWEEPER["task"],
            "queue": "celery",
            "enabled": True,
            "description": SWEEPER["description"],
            "interval": every_minute,
            "crontab": None,
        },
    )
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=SWEEPER["name"]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('conclusions', '0008_notice_register_signer_appendix'),
        ('django_celery_beat', '0019_alter_periodictasks_options'),
    ]

    operations = [
        migrations.CreateModel(
            name='RenderJobEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm')),
                ('kind', models.CharField(choices=[('requested', 'Đã yêu cầu'), ('not_sent', 'Chưa gửi được vào hàng đợi; sẽ gửi lại tự động'), ('sent', 'Đã gửi lại vào hàng đợi'), ('started', 'Bắt đầu tạo tệp'), ('worker_lost', 'Mất tiến trình xử lý (dừng giữa chừng)'), ('taken_over', 'Tiến trình khác tiếp nhận và làm lại'), ('done', 'Đã xong'), ('failed', 'Không thành công'), ('retried', 'Yêu cầu chạy lại')], max_length=20, verbose_name='sự kiện')),
                ('worker', models.CharField(blank=True, max_length=200, verbose_name='tiến trình xử lý')),
                ('detail', models.TextField(blank=True, verbose_name='chi tiết')),
            ],
            options={
                'verbose_name': 'diễn biến tạo tệp',
                'verbose_name_plural': 'diễn biến tạo tệp',
                'ordering': ['at', 'id'],
            },
        ),
        migrations.AddField(
            model_name='noticerenderjob',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='số lần chạy'),
        ),
        migrations.AddField(
            model_name='noticerenderjob',
            name='claim',
            field=models.CharField(blank=True, max_length=32, verbose_name='mã lượt chạy'),
        ),
        migrations.AddField(
            model_name='noticerenderjob',
            name='enqueued_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='thời điểm gửi vào hàng đợi'),
        ),
        migrations.AddField(
            model_name='noticerenderjob',
            name='lease_until',
            field=models.DateTimeField(blank=True, null=True, verbose_name='hạn giữ việc'),
        ),
        migrations.AddField(
            model_name='noticerenderjob',
            name='worker',
            field=models.CharField(blank=True, max_length=200, verbose_name='tiến trình xử lý'),
        ),
        migrations.AddIndex(
            model_name='noticerenderjob',
            index=models.Index(fields=['state', 'lease_until'], name='render_job_state_lease'),
        ),
        migrations.AddField(
            model_name='renderjobevent',
            name='job',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='conclusions.noticerenderjob', verbose_name='lượt tạo tệp'),
        ),
        migrations.RunPython(register, unregister),
    ]
