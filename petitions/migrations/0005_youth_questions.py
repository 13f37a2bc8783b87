"""Questions young people send online (petitions/questions) and the nightly pass that expires unconfirmed ones and
erases contacts after the retention period, registered with django-celery-beat (idempotent, found by name)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


SCHEDULE = {
    "name": "Câu hỏi trực tuyến: hết hạn, xóa liên hệ (02:30)",
    "task": "petitions.questions_housekeeping",
    "crontab": {"minute": "30", "hour": "2", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    "description": "Xóa câu hỏi chưa xác nhận sau 48 giờ; xóa thông tin liên hệ người gửi sau thời hạn lưu giữ.",
}
TIMEZONE = "Asia/Ho_Chi_Minh"


def register(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    crontab, _ = CrontabSchedule.objects.get_or_create(timezone=TIMEZONE, **SCHEDULE["crontab"])
    PeriodicTask.objects.update_or_create(
        name=SCHEDULE["name"],
        defaults={
            "task": SCHEDULE["task"],
            "queue": "celery",
            "enabled": True,
            "description": SCHEDULE["description"],
            "crontab": crontab,
            "interval": None,
        },
    )
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=SCHEDULE["name"]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('conferences', '0007_outbox_channels'),
        ('petitions', '0004_revision_actions_and_deadline_rules'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name='YouthQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content', models.TextField(verbose_name='nội dung câu hỏi, kiến nghị')),
                ('sender_name', models.CharField(blank=True, max_length=100, verbose_name='họ tên người gửi')),
                ('email', models.EmailField(blank=True, db_index=True, max_length=254, verbose_name='thư điện tử người gửi')),
                ('phone', models.CharField(blank=True, db_index=True, max_length=15, verbose_name='số điện thoại người gửi')),
                ('address_digest', models.CharField(blank=True, db_index=True, max_length=32, verbose_name='dấu địa chỉ mạng (đã băm)')),
                ('notify_by', models.CharField(choices=[('email', 'Thư điện tử'), ('sms', 'Tin nhắn SMS'), ('zalo', 'Tin nhắn Zalo')], default='email', max_length=10, verbose_name='nhận tin qua')),
                ('token', models.CharField(editable=False, max_length=64, unique=True, verbose_name='mã theo dõi')),
                ('confirm_hash', models.CharField(blank=True, editable=False, max_length=64, verbose_name='mã xác nhận (đã băm)')),
                ('confirm_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm gửi mã xác nhận')),
                ('confirm_sends', models.PositiveSmallIntegerField(default=0, verbose_name='số lần gửi mã xác nhận')),
                ('confirm_attempts', models.PositiveSmallIntegerField(default=0, verbose_name='số lần nhập mã sai')),
                ('state', models.CharField(choices=[('unconfirmed', 'Chờ người gửi xác nhận'), ('waiting', 'Chờ Đoàn Thanh niên xem xét'), ('accepted', 'Đã tiếp nhận thành kiến nghị'), ('merged', 'Đã gộp vào kiến nghị có sẵn'), ('declined', 'Không tiếp nhận')], default='unconfirmed', max_length=20, verbose_name='trạng thái')),
                ('decline_reason', models.CharField(blank=True, choices=[('out_of_scope', 'Nội dung không thuộc phạm vi đối thoại với thanh niên của địa phương'), ('unclear', 'Nội dung chưa rõ, chưa đủ để chuyển cơ quan có thẩm quyền trả lời'), ('already_answered', 'Câu hỏi đã được trả lời công khai trước đây'), ('inappropriate', 'Nội dung không phù hợp (xúc phạm, quảng cáo, thông tin sai sự thật)'), ('other', 'Lý do khác')], max_length=30, verbose_name='lý do không tiếp nhận')),
                ('decline_text', models.TextField(blank=True, verbose_name='giải thích thêm')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='thời điểm gửi')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm xác nhận')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm xem xét')),
                ('contact_erased_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm xóa thông tin liên hệ')),
                ('bridge_point', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='youth_questions', to='conferences.bridgepoint', verbose_name='xã, phường')),
                ('conference', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='youth_questions', to='conferences.conference', verbose_name='hội nghị')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người xem xét')),
                ('issue_group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='youth_questions', to='conferences.issuegroup', verbose_name='nhóm vấn đề')),
                ('petition', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='youth_questions', to='petitions.petition', verbose_name='kiến nghị')),
            ],
            options={
                'verbose_name': 'câu hỏi gửi trực tuyến',
                'verbose_name_plural': 'câu hỏi gửi trực tuyến',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['state', 'confirmed_at'], name='petitions_y_state_e2a5f3_idx'), models.Index(fields=['conference', 'state'], name='petitions_y_confere_a97947_idx')],
            },
        ),
        migrations.RunPython(register, unregister),
    ]
