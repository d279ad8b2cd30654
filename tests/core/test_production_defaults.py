"""Production is secure unless the operator says otherwise, and every documented setting is
read from the environment."""

import json

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.core.test_configuration import run_equalcity

PRINT = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, "
    "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE, "
    "'exempt': s.SECURE_REDIRECT_EXEMPT, 'tiles': s.MAP_TILE_URL, "
    "'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
    "'machine': s.TRANSLATION_MACHINE_BACKEND}))"
)


def production(tmp_path, **extra):
    key = tmp_path / "signing.pem"
    key.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return {
        "EQUALCITY_ENV": "production",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "equalcity.example.org",
        "SURVEY_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "CERTIFICATE_SIGNING_KEY_FILE": str(key),
        **extra,
    }


def settings_of(tmp_path, env):
    result = run_equalcity(
        "shell", "--no-imports", "-c", PRINT, env_overrides=env, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_https_only_with_hsts_and_secure_cookies_by_default(tmp_path):
    found = settings_of(tmp_path, production(tmp_path))
    assert found["redirect"] is True
    assert found["hsts"] == 31536000
    assert found["session_secure"] is True
    assert found["csrf_secure"] is True
    assert found["exempt"] == ["^healthz$"]


def test_an_operator_relaxes_them_only_explicitly(tmp_path):
    found = settings_of(
        tmp_path,
        production(tmp_path, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0"),
    )
    assert found["redirect"] is False
    assert found["hsts"] == 0
    assert found["session_secure"] is True


def test_development_stays_on_plain_http(tmp_path):
    found = settings_of(tmp_path, {"EQUALCITY_ENV": "development"})
    assert (found["redirect"], found["hsts"], found["session_secure"]) == (False, 0, False)


def test_map_tiles_and_machine_translation_come_from_the_environment(tmp_path):
    found = settings_of(
        tmp_path,
        {
            "EQUALCITY_ENV": "development",
            "MAP_TILE_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
            "TRANSLATION_MACHINE_BACKEND": "equalcity.translations.machine.BracketBackend",
        },
    )
    assert found["tiles"] == "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    assert "https://*.tiles.example.org" in found["img_src"]
    assert found["machine"] == "equalcity.translations.machine.BracketBackend"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("MAP_TILE_URL", "http://tiles.example.org/{z}/{x}/{y}.png", "must be an https address"),
        ("SECURE_HSTS_SECONDS", "a year", "whole number of seconds"),
    ],
)
def test_a_malformed_setting_is_one_clear_sentence(tmp_path, name, value, words):
    result = run_equalcity(
        "check", env_overrides={"EQUALCITY_ENV": "development", name: value}, tmp_path=tmp_path
    )
    assert result.returncode != 0
    assert words in result.stderr
    assert "Traceback" not in result.stderr
