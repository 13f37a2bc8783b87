"""Issue 16 item 12: a refused request (403, 404) is one line in the log, not a traceback; a server error keeps it."""

import logging

import pytest
from django.urls import reverse

from conferences.models import Role
from tests.factories import AgencyFactory, make_user

pytestmark = pytest.mark.django_db


def test_a_403_is_logged_in_one_line_without_a_traceback(client, caplog):
    client.force_login(make_user(Role.YOUTH_UNION, AgencyFactory()))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("conclusions:stats_overview")).status_code == 403
        assert client.get("/kien-nghi/999999/").status_code == 404
    refused = [r for r in caplog.records if r.name == "django.request"]
    assert [r.status_code for r in refused] == [403, 404]
    assert all(r.exc_info is None for r in refused)
    assert "Forbidden (Permission denied): /ket-luan/thong-ke/" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback():
    from dialogue_portal.logfilters import NoTracebackForClientErrors

    try:
        raise RuntimeError("hỏng")
    except RuntimeError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    record.status_code = 500
    assert NoTracebackForClientErrors().filter(record) and record.exc_info is not None
