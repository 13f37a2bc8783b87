"""Real processes for the render-job fault tests: a Redis server of the test's own (so the real queue names,
"documents" and "celery", can be used without another test's worker taking the messages), Celery workers on it
sharing the test database, and `celery call` as beat would fire the sweeper."""

import os
import shutil
import signal
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import ARTIFACTS, ROOT, wait_for
from tests.reminders.test_faults import PrivateRedis

__all__ = ["PrivateRedis", "Workers", "require_postgres"]


def require_postgres():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES") in ("1", "true", "yes"):
            pytest.fail("worker fault tests share the test database with worker processes: they need PostgreSQL")
        pytest.skip("worker fault tests need PostgreSQL (a worker process cannot see an in-memory SQLite database)")
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (apt-get install redis-server)")


def database_url() -> str:
    db = settings.DATABASES["default"]
    user, password = quote(db.get("USER") or ""), quote(db.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class Workers:
    """Celery workers (and one-off commands) on a given broker, with the test database and the test's settings."""

    def __init__(self, broker: str, **env):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DB_CONN_MAX_AGE": "0",
            "REDIS_URL": broker,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "DJANGO_SETTINGS_MODULE": "dialogue_portal.settings",
            **env,
        }
        self.started: list[subprocess.Popen] = []

    def start(self, *names: str, pool: str = "solo") -> list[tuple[subprocess.Popen, object]]:
        """Workers on the 'celery' and 'documents' queues, started together, each in a process group of its own
        (its layout processes die with it, as in a container that is killed)."""
        ARTIFACTS.mkdir(exist_ok=True)
        started = []
        for name in names:
            log = ARTIFACTS / f"h16-jobs-worker-{name}.log"
            with open(log, "wb") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "dialogue_portal", "worker", f"--pool={pool}",
                     "--concurrency=1", "-Q", "celery,documents", "--without-gossip", "--without-mingle",
                     "--without-heartbeat", "-n", f"h16-{name}-{os.getpid()}@%h", "--loglevel=INFO"],
                    cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                )  # fmt: skip
            self.started.append(proc)
            started.append((proc, log))
        for proc, log in started:
            wait_for(
                lambda p=proc, f=log: p.poll() is not None or "ready." in f.read_text(errors="replace"), timeout=60
            )
            assert proc.poll() is None, log.read_text(errors="replace")
        return started

    def kill(self, proc: subprocess.Popen) -> None:
        """SIGKILL to the worker and its children: no shutdown, no acknowledgement, no cleanup."""
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)

    def sweep(self) -> None:
        """Beat's tick: the sweeper task, sent to the broker for a worker to run."""
        subprocess.run(
            [sys.executable, "-m", "celery", "-A", "dialogue_portal", "call", "conclusions.sweep_render_jobs",
             "--queue", "celery"],
            cwd=ROOT, env=self.env, check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    def stop_all(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
