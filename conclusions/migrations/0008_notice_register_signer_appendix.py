"""Issue 14 (part A): the number's source (the portal's register or the clerk's), the complex-case limit (15 days),
the drafted opening kept apart from the clerk's, and the appendices as rows of their own (one or several, grouped or
flat, ordered, with their reference wording). Each notice's three appendix fields become its first appendix row."""

import django.db.models.deletion
from django.db import migrations, models


def appendix_rows_from_notice_fields(apps, schema_editor):
    Notice = apps.get_model("conclusions", "ConclusionNotice")
    Appendix = apps.get_model("conclusions", "NoticeAppendix")
    Appendix.objects.bulk_create(
        Appendix(
            notice_id=notice.pk,
            position=1,
            title=notice.appendix_title,
            show_agency=notice.appendix_show_agency,
            landscape=notice.appendix_landscape,
        )
        for notice in Notice.objects.only("pk", "appendix_title", "appendix_show_agency", "appendix_landscape")
    )
    Notice.objects.filter(number__isnull=False).update(number_source="portal")


def notice_fields_from_appendix_rows(apps, schema_editor):
    Notice = apps.get_model("conclusions", "ConclusionNotice")
    Appendix = apps.get_model("conclusions", "NoticeAppendix")
    for appendix in Appendix.objects.filter(position=1):
        Notice.objects.filter(pk=appendix.notice_id).update(
            appendix_title=appendix.title,
            appendix_show_agency=appendix.show_agency,
            appendix_landscape=appendix.landscape,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('conclusions', '0007_progress_attachment_checked_type'),
        ('conferences', '0006_reminder_pass_task_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='conclusionnotice',
            name='complex_matters',
            field=models.BooleanField(default=False, help_text='Luật Thanh niên: thông báo kết luận trong 10 ngày sau đối thoại, 15 ngày nếu phức tạp.', verbose_name='nội dung phức tạp, nhiều lĩnh vực'),
        ),
        migrations.AddField(
            model_name='conclusionnotice',
            name='number_source',
            field=models.CharField(blank=True, choices=[('portal', 'Số tiếp theo của sổ đăng ký trên cổng'), ('clerk', 'Số do văn thư cấp (sổ văn thư)')], editable=False, max_length=10, verbose_name='nguồn số văn bản'),
        ),
        migrations.AddField(
            model_name='conclusionnotice',
            name='opening_drafted',
            field=models.TextField(blank=True, editable=False, verbose_name='phần mở đầu do cổng soạn'),
        ),
        migrations.AddField(
            model_name='noticerenderjob',
            name='register_number',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='số do văn thư cấp'),
        ),
        migrations.CreateModel(
            name='NoticeAppendix',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=1, verbose_name='thứ tự')),
                ('title', models.CharField(default='TỔNG HỢP NỘI DUNG GIẢI ĐÁP CÁC Ý KIẾN, KIẾN NGHỊ, ĐỀ XUẤT CỦA THANH NIÊN', max_length=500, verbose_name='tên phụ lục')),
                ('grouped', models.BooleanField(default=True, help_text='Bỏ chọn để in một bảng liền, không có dòng nhóm I., II., III. (như phụ lục của Tràng Định).', verbose_name='chia theo nhóm vấn đề')),
                ('order', models.CharField(choices=[('group', 'Theo nhóm vấn đề, trong nhóm theo số thứ tự kiến nghị'), ('number', 'Theo số thứ tự kiến nghị'), ('chosen', 'Theo thứ tự tự nhập')], default='group', max_length=10, verbose_name='thứ tự các dòng')),
                ('row_order', models.TextField(blank=True, help_text='Số thứ tự các kiến nghị theo thứ tự muốn in, cách nhau bằng dấu phẩy, ví dụ: 3, 1, 2.', verbose_name='thứ tự tự nhập')),
                ('reference_wording', models.CharField(choices=[('attached', '(Kèm theo Thông báo số … ngày … của …) – Nghị định 30/2020'), ('issued_with', '(Ban hành kèm theo Thông báo số: … ngày … của …)')], default='attached', max_length=20, verbose_name='dòng tham chiếu')),
                ('reference_issuer', models.CharField(blank=True, help_text='Để trống: tên viết tắt của cơ quan ban hành (ví dụ UBND tỉnh Lạng Sơn); có nơi ghi “UBND huyện”.', max_length=200, verbose_name='cơ quan ghi ở dòng tham chiếu')),
                ('show_agency', models.BooleanField(default=False, verbose_name='thêm cột cơ quan trả lời')),
                ('landscape', models.BooleanField(default=False, help_text='Nghị định 30/2020: bảng phụ lục có thể trình bày theo chiều ngang khổ A4.', verbose_name='in khổ ngang')),
                ('issue_groups', models.ManyToManyField(blank=True, help_text='Để trống: gồm mọi kiến nghị không thuộc phụ lục khác.', related_name='+', to='conferences.issuegroup', verbose_name='chỉ gồm các nhóm vấn đề')),
                ('notice', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appendices', to='conclusions.conclusionnotice', verbose_name='thông báo kết luận')),
            ],
            options={
                'verbose_name': 'phụ lục của thông báo',
                'verbose_name_plural': 'phụ lục của thông báo',
                'ordering': ['notice', 'position'],
                'constraints': [models.UniqueConstraint(fields=('notice', 'position'), name='notice_appendix_position_unique')],
            },
        ),
        migrations.RunPython(appendix_rows_from_notice_fields, notice_fields_from_appendix_rows),
        migrations.RemoveField(
            model_name='conclusionnotice',
            name='appendix_landscape',
        ),
        migrations.RemoveField(
            model_name='conclusionnotice',
            name='appendix_show_agency',
        ),
        migrations.RemoveField(
            model_name='conclusionnotice',
            name='appendix_title',
        ),
    ]
