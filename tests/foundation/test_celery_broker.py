"""A task round-trip through the real Redis broker and a real worker process (not eager)."""

import pytest

pytestmark = pytest.mark.services


def test_a_task_goes_through_redis_to_a_real_worker_and_back(celery_worker_process, settings):
    from dialogue_portal.celery import app, ping

    app.conf.task_always_eager = False
    try:
        result = ping.delay("xin chào")
        assert result.get(timeout=60) == "pong:xin chào"
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    assert celery_worker_process.poll() is None
