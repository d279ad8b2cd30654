"""Safe(r)-space self-assessment: scored, with an improvement plan, marked in the directory."""

import pytest

from equalcity.core.errors import DomainError
from equalcity.referral import models as m
from equalcity.referral import selectors, services
from equalcity.referral.selectors import SearchFilters

pytestmark = pytest.mark.django_db

ALL_FULLY = {code: 2 for code in m.SafeSpaceCriterion.values}


def _legal_desk(city="Rome"):
    return m.Service.objects.get(
        name="Demo legal aid desk for migrants (demo data)", at_locations__location__city=city
    )


def _safe_names(city):
    page = selectors.search_services(SearchFilters(city=city, attributes=("lgbtqi_safe",)))
    return [listing.service.name for listing in page.results]


def test_a_service_meeting_the_charter_is_marked_and_then_unmarked(directory, manager):
    service = _legal_desk()
    assert service.name not in _safe_names("Rome")

    result = services.assess_safe_space(
        programme=directory, service=service, scores=ALL_FULLY, by=manager
    )
    assert result.assessment.total == 12 and result.assessment.meets_charter and result.plan == []
    assert service.name in _safe_names("Rome")

    weaker = {**ALL_FULLY, "complaints": 0}
    result = services.assess_safe_space(
        programme=directory, service=service, scores=weaker, by=manager
    )
    assert not result.assessment.meets_charter  # 10 of 12, but one part not met at all
    assert [criterion for criterion, _action in result.plan] == [
        m.SafeSpaceCriterion.COMPLAINTS.label
    ]
    assert service.name not in _safe_names("Rome")


def test_an_incomplete_assessment_is_refused(directory, manager):
    with pytest.raises(DomainError) as refused:
        services.assess_safe_space(
            programme=directory, service=_legal_desk(), scores={"staff_training": 2}, by=manager
        )
    assert refused.value.code == "incomplete"
    assert not m.SafeSpaceAssessment.objects.exists()


def test_the_public_city_page_lists_safe_spaces(client, directory, manager):
    services.assess_safe_space(
        programme=directory, service=_legal_desk("Luxembourg"), scores=ALL_FULLY, by=manager
    )
    body = client.get("/en/help/find-help/Luxembourg/").content.decode()
    section = body.split("Safe(r) spaces for LGBTQI+ people", 1)[1].split("<h2>", 1)[0]
    assert "Demo legal aid desk for migrants (demo data)" in section


def test_the_assessment_page(client, directory, demo_users):
    service = _legal_desk()
    client.force_login(demo_users["partner_editor"])
    url = f"/en/referral/equalcity/services/{service.id}/safe-space/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**ALL_FULLY, "visible_signals": 1})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Score: 11 of 12" in body and "Improvement plan" in body
    assert client.post(url, {"staff_training": 2}).status_code == 400
    client.force_login(demo_users["frontline_worker"])
    assert client.get(url).status_code == 404
