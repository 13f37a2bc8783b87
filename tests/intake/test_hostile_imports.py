"""Issue 16 item 1: no upload holds a web worker. The request only checks the archive (sizes, ratio, parts) and keeps
the file; a task streams the sheet by the cells it holds and the page follows its progress; the rows read are kept,
so a re-check or the confirmation never reads the file again."""

import io
import signal
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from conferences.models import AuditEvent
from dialogue_portal.celery import app
from petitions import importing
from petitions.models import ImportBatch, ImportBatchStatus, Petition
from petitions.services import intake
from tests.hostile_files import entity_xlsx, far_cell_xlsx, many_parts_xlsx, zip_bomb_xlsx

from .conftest import xlsx

pytestmark = pytest.mark.django_db

GOOD = [[1, "Đề nghị mở lớp đào tạo nghề cho thanh niên nông thôn?", "Đoàn xã Tân Minh", "Đào tạo nghề", "Tân Minh"]]


@contextmanager
def at_most(seconds: int):
    """A guard, not a speed target: before the fix the far cell cost 17 billion empty cells (minutes)."""

    def expired(*_args):
        raise TimeoutError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def queued_only():
    """The task is queued, not run: what a web worker does when a real worker reads the list."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    sent = []
    original = intake.read_import.apply_async
    intake.read_import.apply_async = lambda args=None, kwargs=None, **options: sent.append(args)
    yield sent
    intake.read_import.apply_async = original
    app.conf.task_always_eager = previous


def _upload(client, world, content: bytes, name="danh-sach.xlsx"):
    client.force_login(world.union)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("petitions:import_upload", args=[world.conference.slug]),
            {"file": SimpleUploadedFile(name, content)},
        )


def test_a_sheet_claiming_the_whole_grid_is_read_by_the_cells_it_holds():
    content = far_cell_xlsx()
    assert len(content) < 6000
    with at_most(20):
        sheet = importing.read_sheet(io.BytesIO(content), size=len(content))
    assert [(line, cells[1]) for line, cells, _merged in sheet.rows] == [
        (2, "Đề nghị hỗ trợ vốn vay cho thanh niên khởi nghiệp?")
    ]


def test_the_far_cell_list_previews_its_one_row(client, world):
    with at_most(30):
        response = _upload(client, world, far_cell_xlsx())
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatchStatus.PREVIEW and batch.report["counts"]["rows"] == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (lambda: zip_bomb_xlsx(60), "giải nén lớn bất thường (vượt 50 MB hoặc nén quá 100 lần)"),
        (lambda: many_parts_xlsx(600), "có 609 phần bên trong, vượt giới hạn 500"),
    ],
    ids=["zip-bomb", "thousands-of-parts"],
)
def test_a_zip_bomb_is_refused_in_vietnamese_before_anything_is_inflated(client, world, monkeypatch, content, message):
    def never(*_args, **_kwargs):
        raise AssertionError("the archive was opened for parsing")

    monkeypatch.setattr("petitions.importing.sheet.load_workbook", never)
    response = _upload(client, world, content())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_xml_entities_in_a_sheet_are_refused_not_expanded(client, world):
    with at_most(20):
        response = _upload(client, world, entity_xlsx())
    response = client.get(response["Location"], follow=True)  # read by the task: its page tells the reason
    assert "tệp bị hỏng hoặc không đúng định dạng .xlsx" in response.content.decode()
    assert not ImportBatch.objects.exists() and not Petition.objects.exists()


def test_the_upload_request_keeps_the_file_and_a_task_reads_it_while_the_page_shows_progress(
    client, world, queued_only
):
    response = _upload(client, world, xlsx(GOOD))
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("petitions:import_preview", args=[batch.pk])
    assert batch.status == ImportBatchStatus.READING and queued_only == [(batch.pk,)]
    page = client.get(response["Location"]).content.decode()
    assert "Đang đọc và kiểm tra “danh-sach.xlsx”" in page and 'data-status-url="' in page
    status = client.get(reverse("petitions:import_status", args=[batch.pk])).json()
    assert (status["state"], status["next_url"]) == ("reading", "")
    assert intake.import_read(batch.pk) == "done"
    assert intake.import_read(batch.pk) == "skipped"  # a message delivered twice reads once
    status = client.get(reverse("petitions:import_status", args=[batch.pk])).json()
    assert (status["state"], status["progress"]) == ("preview", 100)
    assert "Nhập 1 dòng hợp lệ" in client.get(status["next_url"]).content.decode()
    assert AuditEvent.objects.filter(action="import.preview", target_id=batch.pk).count() == 1


def test_a_list_the_task_cannot_read_sends_its_reason_back_to_the_upload_form(client, world, queued_only):
    _upload(client, world, xlsx([["a", "b"]], header=("Họ tên", "Ngày sinh")))
    batch = ImportBatch.objects.get()
    assert intake.import_read(batch.pk) == "failed"
    batch.refresh_from_db()
    assert batch.status == ImportBatchStatus.FAILED and not batch.file
    response = client.get(reverse("petitions:import_preview", args=[batch.pk]), follow=True)
    assert "Không tìm thấy dòng tiêu đề" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("petitions:import_upload", args=[world.conference.slug])
    assert not ImportBatch.objects.exists()
    assert AuditEvent.objects.filter(action="import.failed").exists()


def test_a_recheck_and_the_confirmation_never_read_the_file_again(client, world, monkeypatch):
    rows = [*GOOD, [2, "Đề nghị xây sân bóng cho thanh niên", "Đoàn xã Đội Cấn", "", "Doi Cann"]]
    _upload(client, world, xlsx(rows))
    batch = ImportBatch.objects.get()

    def never(*_args, **_kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr("petitions.importing.read_sheet", never)
    url = reverse("petitions:import_preview", args=[batch.pk])
    client.post(url, {"action": "recheck", "site-3": world.sites["Đội Cấn"].pk})
    Petition.objects.create(conference=world.conference, number=90, content="Khác hẳn", submitting_unit="Đoàn")
    client.post(url, {"action": "confirm", "expected_good": 2})  # the state changed: checked again, from the rows
    assert Petition.objects.filter(import_batch=batch).count() == 2


def test_a_read_not_heard_of_is_queued_again_when_its_page_asks(client, world, queued_only, settings):
    _upload(client, world, xlsx(GOOD))
    batch = ImportBatch.objects.get()
    status_url = reverse("petitions:import_status", args=[batch.pk])
    client.get(status_url)
    assert len(queued_only) == 1  # recently heard of: left alone
    ImportBatch.objects.filter(pk=batch.pk).update(heard_at=timezone.now() - timedelta(seconds=61))
    client.get(status_url)
    client.get(status_url)
    assert queued_only == [(batch.pk,), (batch.pk,)]  # once more, by one asker
