"""Shared fixtures: personas per role, the demo data, a real Celery worker and Debian's Chromium."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in the test thread; the ORM calls tests make around it are not
# concurrent with it, so Django's async guard is lifted for the test process only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Files the tests store (rendered notices, uploads) go to a throw-away folder, shared with the Celery worker
# subprocess through the environment, never to the checkout's media/.
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="portal-test-media-"))

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"


def _require(flag: str) -> bool:
    return os.environ.get(flag, "") in ("1", "true", "yes")


def pytest_collection_modifyitems(config, items):
    """Skip browser, broker and LibreOffice tests where the machine lacks them; in CI (REQUIRE_*=1) a missing one is
    an error. LibreOffice comes with the test set of scripts/system-deps.sh, like Chromium: REQUIRE_BROWSER=1 asks
    for it too."""
    has_browser = Path(CHROMIUM).exists()
    has_redis = bool(os.environ.get("REDIS_URL"))
    has_soffice = shutil.which("soffice") is not None
    wants_browser = any("browser" in item.keywords for item in items)
    wants_redis = any("services" in item.keywords for item in items)
    wants_soffice = any("libreoffice" in item.keywords for item in items)
    if wants_browser and not has_browser and _require("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
    if wants_soffice and not has_soffice and (_require("REQUIRE_BROWSER") or _require("REQUIRE_LIBREOFFICE")):
        raise pytest.UsageError("REQUIRE_BROWSER=1 but soffice (libreoffice-writer-nogui) is missing")
    if wants_redis and not has_redis and _require("REQUIRE_SERVICES"):
        raise pytest.UsageError("REQUIRE_SERVICES=1 but REDIS_URL is not set")
    for item in items:
        if "browser" in item.keywords and not has_browser:
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} not installed"))
        if "services" in item.keywords and not has_redis:
            item.add_marker(pytest.mark.skip(reason="REDIS_URL not set: no real broker"))
        if "libreoffice" in item.keywords and not has_soffice:
            item.add_marker(pytest.mark.skip(reason="soffice not installed"))


@pytest.fixture(autouse=True, scope="session")
def _compiled_translations():
    """`make test` compiles the catalogue first; a bare `pytest` after editing django.po gets it compiled here."""
    po = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        from django.core.management import call_command

        call_command("compilemessages", locale=["en"], ignore_patterns=[".venv"], verbosity=0)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Personas and the demo set dozens of passwords per test; PBKDF2's million rounds each dominated the run time.
    Hashing itself is Django's business; our tests only need logins to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_rate_limits_or_render_cache(settings):
    """Counts and cached renders live in Redis, keyed by primary keys that every rolled-back test reuses: off by
    default; tests/hardening turns them on over a cache of their own (the `fresh_cache` fixture)."""
    settings.RATELIMIT_ENABLE = False
    settings.RENDER_CACHE_SECONDS = 0


@pytest.fixture
def fresh_cache(settings):
    """Rate limits and the render cache on, over the real cache (Redis when REDIS_URL is set) with a key prefix of
    this test's own."""
    import uuid

    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}
    settings.RATELIMIT_ENABLE = True
    settings.RENDER_CACHE_SECONDS = 600
    from django.core.cache import cache

    return cache


@pytest.fixture(autouse=True)
def _fresh_working_day_calendar():
    """The override table is cached; a rolled-back test must not leave its extra days off to the next one."""
    from conferences import workdays

    workdays.invalidate()
    yield
    workdays.invalidate()


@pytest.fixture(autouse=True, scope="session")
def _test_media_root():
    """Settings may be loaded before this module sets MEDIA_ROOT: point storage at the throw-away folder anyway."""
    from django.test.utils import override_settings

    with override_settings(MEDIA_ROOT=Path(os.environ["MEDIA_ROOT"])):
        yield


@pytest.fixture
def demo(db):
    """The demo data built from the seeds (units, agencies, users, three conferences)."""
    from demo.loader import load_demo

    load_demo()
    from conferences.models import Conference

    return {c.slug: c for c in Conference.objects.all()}


@pytest.fixture
def demo_password():
    from demo.loader import DEMO_PASSWORD

    return DEMO_PASSWORD


@pytest.fixture
def fresh_live_cache():
    """Test databases reuse primary keys; the dialogue day's feed keys in Redis (per conference id) and its memory of
    Redis failures must not outlive a test."""
    from petitions.live import versions

    versions.forget_failures()
    redis = versions.client()
    if redis is not None:
        keys = list(redis.scan_iter("live:*"))
        if keys:
            redis.delete(*keys)
    yield
    versions.forget_failures()


@pytest.fixture
def tasks_in_process():
    """Tasks run in the test's process (and the live server's thread), as they do without Redis."""
    from dialogue_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def celery_worker_process():
    """A real Celery worker process on the real Redis broker (REDIS_URL), for tests that must not be eager."""
    env = {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "0"}
    log = ARTIFACTS / "celery-worker.log"
    ARTIFACTS.mkdir(exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "dialogue_portal",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                "celery,documents",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"test-{os.getpid()}@%h",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1366, "height": 900},
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def login(page, demo_password):
    """login('doan_trangdinh') signs a demo persona in through the real login form."""

    def _login(username: str, password: str | None = None):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password or demo_password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return _login


def screenshot(page, name: str) -> Path:
    """Save a screenshot under test-artifacts/ so a person can look at what the test saw."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")
