"""Conclusion tasks ask for their deadline with the one deadline engine's rule (conferences.deadlines.DeadlineRule):
"within the year" is that engine's "end_of_year"; "working_days", "fixed_date", "next_conference" and "none" keep
their values."""

from django.db import migrations, models

RENAMED = {"within_year": "end_of_year"}


def to_deadline_rule(apps, schema_editor):
    Directive = apps.get_model("conclusions", "Directive")
    for old, new in RENAMED.items():
        Directive.objects.filter(deadline_kind=old).update(deadline_kind=new)


def to_deadline_kind(apps, schema_editor):
    Directive = apps.get_model("conclusions", "Directive")
    for old, new in RENAMED.items():
        Directive.objects.filter(deadline_kind=new).update(deadline_kind=old)


class Migration(migrations.Migration):

    dependencies = [
        ("conclusions", "0005_notifications_moved"),
    ]

    operations = [
        migrations.AlterField(
            model_name="directive",
            name="deadline_kind",
            field=models.CharField(
                choices=[
                    ("none", "Không ấn định thời hạn"),
                    ("fixed_date", "Ngày cố định"),
                    ("end_of_year", "Trong năm"),
                    ("working_days", "Số ngày làm việc kể từ ngày ban hành"),
                    ("next_conference", "Tại hội nghị đối thoại năm sau"),
                ],
                default="none",
                max_length=20,
                verbose_name="loại thời hạn",
            ),
        ),
        migrations.RunPython(to_deadline_rule, to_deadline_kind, elidable=False),
    ]
