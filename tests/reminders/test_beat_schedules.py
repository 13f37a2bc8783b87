import pytest
from django_celery_beat.models import PeriodicTask

from dialogue_portal.celery import app

pytestmark = pytest.mark.django_db


def test_the_daily_pass_and_the_sweeper_are_registered_with_beat():
    tasks = {t.task: t for t in PeriodicTask.objects.filter(enabled=True)}
    daily = tasks["notifications.run_reminder_pass"]
    assert (daily.crontab.hour, daily.crontab.minute, str(daily.crontab.timezone)) == ("7", "0", "Asia/Ho_Chi_Minh")
    sweeper = tasks["notifications.sweep_outbox"]
    assert (sweeper.interval.every, sweeper.interval.period) == (2, "minutes")
    assert {daily.queue, sweeper.queue} == {"notifications"}


def test_the_scheduled_tasks_exist_and_are_late_acknowledged():
    app.loader.import_default_modules()
    for name in (
        "notifications.run_reminder_pass",
        "notifications.sweep_outbox",
        "notifications.send_outgoing_email",
    ):
        assert app.tasks[name].acks_late is True
    route = app.amqp.router.route({}, "notifications.send_outgoing_email")
    assert route["queue"].name == "notifications"
