"""Start-up configuration: clear refusals in production mode, generated defaults otherwise."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_equalcity(*args, env_overrides, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update({"EQUALCITY_VAR_DIR": str(tmp_path)}, **env_overrides)
    return subprocess.run(  # noqa: S603 - our own console command
        [sys.executable, "-m", "equalcity", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_without_secret_key_is_a_clear_error(tmp_path):
    result = run_equalcity(
        "check",
        env_overrides={"EQUALCITY_ENV": "production", "ALLOWED_HOSTS": "x.example"},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_allowed_hosts_is_a_clear_error(tmp_path):
    result = run_equalcity(
        "check",
        env_overrides={"EQUALCITY_ENV": "production", "SECRET_KEY": "k" * 50},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_development_generates_and_keeps_a_secret_key(tmp_path):
    first = run_equalcity(
        "check", env_overrides={"EQUALCITY_ENV": "development"}, tmp_path=tmp_path
    )
    assert first.returncode == 0, first.stderr
    key_file = Path(tmp_path) / "secret_key"
    key = key_file.read_text()
    assert len(key) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    run_equalcity("check", env_overrides={"EQUALCITY_ENV": "development"}, tmp_path=tmp_path)
    assert key_file.read_text() == key


def test_load_demo_refuses_to_run_in_production(tmp_path):
    result = run_equalcity(
        "load_demo",
        env_overrides={
            "EQUALCITY_ENV": "production",
            "SECRET_KEY": "k" * 50,
            "ALLOWED_HOSTS": "x.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "refuses to run in production mode" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["staging", "prod"])
def test_an_unknown_environment_name_is_refused(tmp_path, value):
    result = run_equalcity("check", env_overrides={"EQUALCITY_ENV": value}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "EQUALCITY_ENV must be" in result.stderr


def test_redis_and_object_storage_are_taken_from_the_environment(tmp_path):
    script = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND']); print(settings.SESSION_ENGINE); "
        "print(settings.STORAGES['default']['BACKEND'])"
    )
    result = run_equalcity(
        "shell",
        "--no-imports",
        "-c",
        script,
        env_overrides={
            "EQUALCITY_ENV": "development",
            "REDIS_URL": "redis://127.0.0.1:6390/0",
            "MEDIA_S3_BUCKET": "equalcity-media",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cache",
        "storages.backends.s3.S3Storage",
    ]
