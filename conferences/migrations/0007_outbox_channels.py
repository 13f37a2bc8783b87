"""The outbox sends text messages too (channel, phone number: people without an account, e.g. a young person who
sent a question) and keeps retrying a failing message for a day from the first failure (failing_since)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conferences', '0006_reminder_pass_task_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='outgoingemail',
            name='channel',
            field=models.CharField(choices=[('email', 'Thư điện tử'), ('sms', 'Tin nhắn SMS'), ('zalo', 'Tin nhắn Zalo')], default='email', max_length=10, verbose_name='kênh gửi'),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='failing_since',
            field=models.DateTimeField(blank=True, null=True, verbose_name='gửi lỗi từ'),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='to_phone',
            field=models.CharField(blank=True, max_length=20, verbose_name='số điện thoại nhận'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='to_email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='địa chỉ thư nhận'),
        ),
    ]
