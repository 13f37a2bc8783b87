"""Issue 16 item 1 on real processes: the list is read by a real Celery worker on a real Redis. With Redis down at
the upload the file is kept and its page queues the reading once Redis is back; a worker killed in the middle of a
read leaves the batch READING, and the page queues it again for the next worker, which reads it once."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from petitions.models import ImportBatch, ImportBatchStatus
from tests.conftest import ARTIFACTS, ROOT, wait_for
from tests.reminders.test_faults import PrivateRedis, _database_url

from .conftest import xlsx

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

UPLOAD = """
import sys
import django

django.setup()
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from conferences.models import Conference
from petitions.services import intake

conference_id, actor_id, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(path, "rb") as handle:
    upload = SimpleUploadedFile("danh-sach.xlsx", handle.read())
batch = intake.import_start(
    conference=Conference.objects.get(pk=conference_id), upload=upload, actor=get_user_model().objects.get(pk=actor_id)
)
print(batch.pk)
"""

RESUME = """
import sys
import django

django.setup()
from petitions.models import ImportBatch
from petitions.services import intake

print(intake.import_resume_if_stalled(ImportBatch.objects.get(pk=int(sys.argv[1]))))
"""


@pytest.fixture
def stack(tmp_path):
    """A private Redis (stopped at first), and workers on its default queue, with the test database."""
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES") in ("1", "true", "yes"):
            pytest.fail("the worker shares the test database with this test: it needs PostgreSQL")
        pytest.skip("a worker process cannot see an in-memory SQLite database")
    redis = PrivateRedis(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dialogue_portal.settings",
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": redis.url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "IMPORT_STALL_SECONDS": "0",
    }
    workers = []

    def python(script: str, *args) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)  # fmt: skip

    def worker(name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        log = ARTIFACTS / f"import-worker-{name}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "dialogue_portal", "worker", "--pool=solo", "-Q", "celery",
                 "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"import-{name}-{os.getpid()}@%h",
                 "--loglevel=INFO"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        workers.append(proc)
        wait_for(lambda: proc.poll() is not None or "ready." in log.read_text(errors="replace"), timeout=60)
        assert proc.poll() is None, log.read_text(errors="replace")
        return proc, log

    yield redis, python, worker
    for proc in workers:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    redis.stop()


def _status(pk: int) -> str:
    return ImportBatch.objects.values_list("status", flat=True).get(pk=pk)


def test_with_redis_down_at_the_upload_the_list_is_kept_and_read_once_redis_is_back(world, tmp_path, stack):
    redis, python, worker = stack
    listing = tmp_path / "danh-sach.xlsx"
    listing.write_bytes(xlsx([[1, "Đề nghị mở lớp đào tạo nghề cho thanh niên?", "Đoàn xã Tân Minh", "", "Tân Minh"]]))
    started = time.monotonic()
    uploaded = python(UPLOAD, world.conference.pk, world.union.pk, listing)
    assert uploaded.returncode == 0, uploaded.stderr
    assert time.monotonic() - started < 30 and "broker unavailable" in uploaded.stderr
    pk = int(uploaded.stdout.split()[-1])
    assert _status(pk) == ImportBatchStatus.READING
    redis.start()
    _proc, log = worker("redis-back")
    assert python(RESUME, pk).stdout.strip() == "True"  # what the page does when it polls
    wait_for(lambda: _status(pk) == ImportBatchStatus.PREVIEW, timeout=60)
    assert ImportBatch.objects.get(pk=pk).report["counts"]["good"] == 1


def test_a_worker_killed_while_reading_leaves_the_list_to_the_next_worker(world, tmp_path, stack):
    redis, python, worker = stack
    redis.start()
    filler = ["x" * 120] * 25  # a list that takes a few seconds to read: time to kill the worker in the middle
    rows = [[i, f"Kiến nghị số {i} về đào tạo nghề cho thanh niên?", "Đoàn xã Tân Minh", "", "Tân Minh", *filler]
            for i in range(1, 2001)]  # fmt: skip
    listing = tmp_path / "danh-sach.xlsx"
    listing.write_bytes(xlsx(rows))
    first, _log = worker("killed")
    uploaded = python(UPLOAD, world.conference.pk, world.union.pk, listing)
    assert uploaded.returncode == 0, uploaded.stderr
    pk = int(uploaded.stdout.split()[-1])
    wait_for(lambda: ImportBatch.objects.get(pk=pk).progress >= 1, timeout=60, interval=0.05)
    first.kill()
    first.wait()
    assert _status(pk) == ImportBatchStatus.READING
    _proc, log = worker("next")
    assert python(RESUME, pk).stdout.strip() == "True"
    wait_for(lambda: _status(pk) == ImportBatchStatus.PREVIEW, timeout=120)
    batch = ImportBatch.objects.get(pk=pk)
    assert batch.report["counts"]["rows"] == 2000 and batch.row_count == 2000
