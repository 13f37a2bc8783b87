"""The render task on the real broker: a real Celery worker (solo pool, its own queue, the test database) claims
the job, lays the appendix out in forked processes, stores the file and reports progress to the page."""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from conclusions.models import NoticeRenderJob, RenderJobState
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.issuing import is_large
from conclusions.notices.rendering import render_notice_pdf
from tests.conftest import ARTIFACTS, ROOT, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    user, password = quote(db.get("USER") or ""), quote(db.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def documents_worker():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES") in ("1", "true", "yes"):
            pytest.fail("the worker shares the test database with this test: it needs PostgreSQL")
        pytest.skip("a worker process cannot see an in-memory SQLite database")
    queue = f"documents-test-{os.getpid()}"
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "h5-documents-worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DOCUMENT_RENDER_WORKERS": "2",
        "NOTICE_CHUNK_ROWS": "2",
        "NOTICE_LARGE_APPENDIX_ROWS": "3",
    }
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "dialogue_portal", "worker", "--pool=solo", "-Q", queue,
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"h5-docs-{os.getpid()}@%h",
             "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    wait_for(lambda: proc.poll() is not None or "ready." in log.read_text(errors="replace"), timeout=60)
    assert proc.poll() is None, log.read_text(errors="replace")
    yield queue, log
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_a_real_worker_renders_a_large_draft_in_parallel_parts_and_stores_the_file(world, settings, documents_worker):
    queue, log = documents_worker
    settings.NOTICE_LARGE_APPENDIX_ROWS = 3
    for i in range(7):
        world.petition(f"Câu hỏi số {i + 1}?", group=world.groups[i % 2], answer="Trả lời. " * 80)
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    assert is_large(notice)
    job = NoticeRenderJob.objects.create(notice=notice, notice_version=notice.lock_version, fmt="pdf")
    render_notice_pdf.apply_async(args=[job.pk], queue=queue)
    seen = set()

    def finished():
        job.refresh_from_db()
        seen.add(job.progress)
        return job.state in (RenderJobState.DONE, RenderJobState.FAILED)

    wait_for(finished, timeout=120, interval=0.05)
    assert job.state == RenderJobState.DONE, job.message + log.read_text(errors="replace")[-2000:]
    assert job.progress == 100 and job.sha256
    with job.file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"
    # Delivered again (e.g. after a worker restart): the claimed row makes it a no-op.
    render_notice_pdf.apply_async(args=[job.pk], queue=queue)
    wait_for(lambda: log.read_text(errors="replace").count("succeeded") >= 2, timeout=60)
    assert NoticeRenderJob.objects.get(pk=job.pk).finished_at == job.finished_at
