import pytest

from equalcity.programmes.demo import load_all_demo_data
from equalcity.toolboxes import models
from equalcity.toolboxes.models import Edition, SectionKind, Status, Toolbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    return load_all_demo_data()


def test_the_four_toolboxes_of_the_programme(loaded):
    toolboxes = {t.target_group: t for t in Toolbox.objects.filter(programme=loaded)}
    assert set(toolboxes) == {
        "women_girls",
        "lgbtqi_migrants",
        "unaccompanied_children",
        "migrant_parents",
    }
    assert all(t.is_demo for t in toolboxes.values())
    women = toolboxes["women_girls"]
    assert [m.title for m in women.modules.all()] == [
        "SGBV in a migratory context",
        "Domestic violence",
        "Trafficking in human beings",
        "Other forms of SGBV",
    ]
    for module in women.modules.all():
        kinds = set(module.sections.values_list("kind", flat=True))
        assert {SectionKind.TRAINER_ANNEX, SectionKind.FRONTLINE_ANNEX} <= kinds, module.title
        assert module.testimonies.count() == 1
    assert {m.title for m in toolboxes["lgbtqi_migrants"].modules.all()} == {
        "Good-practice guide",
        "Manual for running a safe(r) space",
        "Training programme",
        "Awareness campaign",
    }
    assert toolboxes["unaccompanied_children"].modules.count() == 2
    assert toolboxes["migrant_parents"].modules.count() == 2


def test_one_published_with_two_editions_and_the_others_in_earlier_phases(loaded, client):
    women = Toolbox.objects.get(target_group="women_girls")
    assert women.status == Status.PUBLISHED
    assert [e.number for e in Edition.objects.filter(toolbox=women)] == ["1.1", "1.0"]
    assert women.latest_edition.number == "1.1"
    others = Toolbox.objects.exclude(pk=women.pk).values_list("status", flat=True)
    assert set(others) == {Status.EXPERT_REVIEW, Status.PILOT, Status.DRAFT}
    diff = client.get(
        f"/en/toolboxes/{women.slug}/editions/compare/?from=1.0&to=1.1"
    ).content.decode()
    assert "<ins>" in diff and "Article 59" in diff


def test_every_demo_testimony_is_marked_illustrative(loaded, client):
    assert models.Testimony.objects.exists()
    assert not models.Testimony.objects.filter(is_illustrative=False).exists()
    women = Toolbox.objects.get(target_group="women_girls")
    html = client.get(f"/en/toolboxes/{women.slug}/").content.decode()
    assert "Illustrative testimony, not the words of a real person" in html
    assert "Demo data" in html


def test_the_demo_names_its_sources(loaded):
    women = Toolbox.objects.get(target_group="women_girls")
    text = " ".join(women.latest_edition.sections.values_list("body", flat=True))
    assert "WHO (2014)" in text and "IASC (2015)" in text and "Istanbul Convention" in text
