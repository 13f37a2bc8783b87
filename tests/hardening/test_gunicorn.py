"""Issue 16 items 2 and 12 on a real gunicorn with DEBUG off: no Server banner, the policy headers, and a body declared
over the cap refused at once without waiting for it (before, the worker read 200 MB, or sat waiting for it until its
timeout)."""

import os
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import ARTIFACTS, ROOT, wait_for


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn():
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "gunicorn-hardening.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.hardening.gunicorn_settings",
        "DEBUG": "0",
        "SECRET_KEY": "test-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_TIMEOUT": "30",
    }
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "dialogue_portal.wsgi:application"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for(lambda: proc.poll() is not None or b"Booting worker" in log.read_bytes(), timeout=60)
        assert proc.poll() is None, log.read_text(errors="replace")
        time.sleep(0.5)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _exchange(port: int, request: bytes, timeout: float = 10) -> tuple[bytes, float]:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(request)
        chunks = []
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks), time.monotonic() - started


def _headers(raw: bytes) -> dict[str, str]:
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    return {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip() for line in head[1:]}


def test_gunicorn_answers_without_a_server_banner_and_with_the_policy(gunicorn):
    raw, _ = _exchange(gunicorn, b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 200"), raw[:300]
    headers = _headers(raw)
    assert "server" not in headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_a_body_declared_over_the_cap_is_refused_at_once_without_being_sent(gunicorn):
    request = (
        b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 209715200\r\n\r\n"
    )
    raw, elapsed = _exchange(gunicorn, request)  # the body never comes: a reader would wait for it until its timeout
    assert raw.startswith(b"HTTP/1.1 413"), raw[:300]
    assert "vượt giới hạn 21 MB mỗi lần gửi" in raw.decode("utf-8", errors="replace")
    assert elapsed < 5
