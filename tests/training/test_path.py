import pytest
from django.urls import reverse

from equalcity.training import selectors, services
from equalcity.training.models import ModuleProgress
from tests.training.conftest import enrol

pytestmark = pytest.mark.django_db


def test_progress_is_saved_once_per_module(session, worker, organisation):
    enrolment = enrol(session, worker, organisation)
    modules = selectors.path_modules(enrolment)
    assert len(modules) >= 2 and not any(module.done for module in modules)
    services.complete_module(enrolment=enrolment, module_id=modules[0].pk, by=worker)
    services.complete_module(enrolment=enrolment, module_id=modules[0].pk, by=worker)
    assert [module.done for module in selectors.path_modules(enrolment)][:2] == [True, False]
    assert ModuleProgress.objects.filter(enrolment=enrolment).count() == 1


def test_a_module_of_another_edition_is_refused(session, worker, organisation):
    enrolment = enrol(session, worker, organisation)
    with pytest.raises(services.TrainingError) as raised:
        services.complete_module(enrolment=enrolment, module_id=999_999, by=worker)
    assert raised.value.code == "module"


def test_the_path_page_shows_and_saves_progress(client, session, worker, organisation):
    enrolment = enrol(session, worker, organisation)
    client.force_login(worker)
    path = reverse("training:path", args=[session.public_id])
    total = len(selectors.path_modules(enrolment))
    assert f"0 of {total} modules done" in client.get(path).content.decode()
    first = selectors.path_modules(enrolment)[0]
    client.post(path, {"module": first.pk})
    assert f"1 of {total} modules done" in client.get(path).content.decode()


def test_the_path_is_for_enrolled_people_only(client, session, worker):
    client.force_login(worker)
    assert client.get(reverse("training:path", args=[session.public_id])).status_code == 404
