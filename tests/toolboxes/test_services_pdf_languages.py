"""PDF editions in content languages: the toolboxes service accepts a UI language or a content
language the programme enabled in the translations app, and nothing else."""

import pytest

from equalcity.accounts.models import Membership, Role, User
from equalcity.toolboxes import services
from equalcity.toolboxes.models import EditionPdf
from equalcity.translations import services as translations

pytestmark = pytest.mark.django_db


def test_a_content_language_the_programme_enabled_is_queued_once(
    published, demo, manager, django_capture_on_commit_callbacks
):
    translations.enable_language(programme=demo, language="ar", by=manager)
    edition = published.latest_edition
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.request_edition_pdf(edition=edition, language="ar")
        again = services.request_edition_pdf(edition=edition, language="ar")
    assert first.pk == again.pk and first.state == EditionPdf.State.QUEUED
    assert len(callbacks) == 1
    assert EditionPdf.objects.filter(edition=edition, language="ar").count() == 1


@pytest.mark.parametrize("language", ["ti", "xx", ""])
def test_a_language_neither_of_the_ui_nor_enabled_is_refused(published, language):
    with pytest.raises(services.ToolboxError) as refused:
        services.request_edition_pdf(edition=published.latest_edition, language=language)
    assert refused.value.code == "unknown_language"
    assert not EditionPdf.objects.filter(edition=published.latest_edition, language=language)


def test_a_language_enabled_in_another_programme_is_refused(published, other_programme, demo):
    other_manager = User.objects.create_user("other-manager@example.org", "x")
    Membership.objects.create(
        user=other_manager, programme=other_programme, role=Role.PROGRAMME_MANAGER
    )
    translations.enable_language(programme=other_programme, language="ti", by=other_manager)
    with pytest.raises(services.ToolboxError):
        services.request_edition_pdf(edition=published.latest_edition, language="ti")


def test_ui_languages_need_no_content_language(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        pdf = services.request_edition_pdf(edition=published.latest_edition, language="de")
    assert pdf.language == "de"
