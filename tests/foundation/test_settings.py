import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from dialogue_portal.env import envbool, envint, envlist

ROOT = Path(__file__).resolve().parents[2]


def test_envbool_refuses_a_value_that_is_not_a_boolean(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        envbool("X_FLAG", default=False)


def test_envint_refuses_a_value_that_is_not_a_number(monkeypatch):
    monkeypatch.setenv("X_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER"):
        envint("X_NUMBER", 1)


def test_envlist_splits_on_commas_and_trims(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " portal.example.gov.vn , 10.0.0.5 ,")
    assert envlist("X_HOSTS", []) == ["portal.example.gov.vn", "10.0.0.5"]


def _run_check(extra_env: dict) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_no_warnings():
    result = _run_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": "p" * 20 + "-production-secret-0123456789-abcdefghijklmnop",
            "ALLOWED_HOSTS": "doithoai.langson.gov.vn",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_check({"DEBUG": "0", "ALLOWED_HOSTS": "doithoai.langson.gov.vn"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_defaults_are_vietnamese_and_hanoi_time(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
