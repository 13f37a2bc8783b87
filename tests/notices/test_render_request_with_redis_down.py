"""Issue 16 item 6 on real processes: with Redis unreachable (the web process points at a closed port: broker and
cache down), a Home Affairs officer asks for a large draft's PDF. The request succeeds at once, the job is saved and
the page says the file will be made shortly. Redis comes back, a worker starts, beat's sweeper sends the job that
was never sent, and the file is made."""

import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from conclusions.models import NoticeRenderJob, RenderJobEventKind, RenderJobState
from conclusions.notices.drafting import notice_draft_from_conference
from tests.conftest import ROOT, wait_for

from .workers import PrivateRedis, Workers, require_postgres

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ASK_FOR_THE_FILE = """
import sys
import time

import django

django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

settings.ALLOWED_HOSTS = ["testserver"]
notice_id, user_id = map(int, sys.argv[1:3])
client = Client()
client.force_login(get_user_model().objects.get(pk=user_id))
started = time.monotonic()
response = client.get(reverse("conclusions:notice_download", args=[notice_id, "pdf"]))
took = time.monotonic() - started
page = client.get(response["Location"]) if response.status_code == 302 else response
print(response.status_code, page.status_code, f"{took:.2f}")
print(page.content.decode())
"""


@pytest.fixture
def redis(tmp_path):
    require_postgres()
    server = PrivateRedis(tmp_path)  # not started: its port is closed until the test starts it
    yield server
    server.stop()


@pytest.fixture
def large(world, settings):
    settings.NOTICE_LARGE_APPENDIX_ROWS = 3
    for i in range(6):
        world.petition(f"Câu hỏi số {i + 1} về vốn vay?", group=world.groups[i % 2], answer="Trả lời. " * 40)
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    notice.signer_name = "Nguyễn Văn A"
    notice.save()
    return notice


def test_with_redis_down_a_large_file_is_asked_for_without_error_and_made_once_redis_is_back(world, large, redis):
    workers = Workers(redis.url, NOTICE_LARGE_APPENDIX_ROWS="3", DOCUMENT_RENDER_WORKERS="1")
    # 1. Redis down: the web process answers, quickly, with the job's page.
    asked = subprocess.run(
        [sys.executable, "-c", ASK_FOR_THE_FILE, str(large.pk), str(world.officer.pk)],
        cwd=ROOT, env=workers.env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert asked.returncode == 0, asked.stderr[-3000:]
    first_line, page = asked.stdout.split("\n", 1)
    status, page_status, took = first_line.split()
    assert (status, page_status) == ("302", "200"), asked.stderr[-3000:]
    assert float(took) < 10, took
    assert "tệp sẽ được tạo tự động trong ít phút" in page
    assert "broker unavailable" in asked.stderr
    job = NoticeRenderJob.objects.get(notice=large)
    assert (job.state, job.enqueued_at) == (RenderJobState.QUEUED, None)
    assert list(job.events.values_list("kind", flat=True)) == [
        RenderJobEventKind.REQUESTED,
        RenderJobEventKind.NOT_SENT,
    ]
    # 2. Redis is back, a worker runs; beat's sweeper (a job is left to its own request for 5 s) sends the job.
    redis.start()
    try:
        workers.start("after-outage")
        wait_for(lambda: job.created_at < timezone.now() - timedelta(seconds=5.5), timeout=10)
        started = time.monotonic()
        workers.sweep()
        wait_for(lambda: NoticeRenderJob.objects.get(pk=job.pk).state != RenderJobState.QUEUED, timeout=30)
        wait_for(lambda: NoticeRenderJob.objects.get(pk=job.pk).state in (RenderJobState.DONE, RenderJobState.FAILED))
        made = NoticeRenderJob.objects.get(pk=job.pk)
        assert made.state == RenderJobState.DONE, made.message
        assert made.file and made.file.open("rb").read(5) == b"%PDF-" and made.enqueued_at is not None
        assert list(made.events.values_list("kind", flat=True)) == [
            RenderJobEventKind.REQUESTED,
            RenderJobEventKind.NOT_SENT,
            RenderJobEventKind.SENT,
            RenderJobEventKind.STARTED,
            RenderJobEventKind.DONE,
        ]
        print(f"request with Redis down {float(took):.2f} s; made {time.monotonic() - started:.1f} s after the sweep")
    finally:
        workers.stop_all()
