from django.conf import settings


def test_tests_run_in_test_mode():
    assert settings.ENVIRONMENT == "test"
