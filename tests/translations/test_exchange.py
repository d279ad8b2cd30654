"""Export → edit as a CAT tool would → import, and every way a returned file can be wrong."""

import polib
import pytest
from lxml import etree
from translate.storage import xliff, xliff2

from equalcity.toolboxes import services as toolbox_services
from equalcity.translations import services
from equalcity.translations.models import Translation, TranslationStatus
from equalcity.translations.units import toolbox_units

pytestmark = pytest.mark.django_db

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"


@pytest.fixture
def prepared(toolbox, translator, manager):
    """Two units already translated, one of them reviewed."""
    units = toolbox_units(toolbox)
    services.save_translation(
        toolbox=toolbox,
        unit_id=units[0].id,
        language="fr",
        text="Boîte à outils de test",
        done=True,
        by=translator,
    )
    reviewed = services.save_translation(
        toolbox=toolbox,
        unit_id=units[1].id,
        language="fr",
        text="Module 1",
        done=True,
        by=translator,
    )
    services.review_translation(translation=reviewed, by=manager)
    return units


def _export(toolbox, translator, fmt, **kwargs):
    return services.export_translations(
        toolbox=toolbox, language="fr", fmt=fmt, by=translator, **kwargs
    )


def _import(toolbox, translator, content, fmt, language="fr"):
    return services.import_translations(
        toolbox=toolbox, language=language, content=content, fmt=fmt, by=translator
    )


def _texts(toolbox):
    return dict(Translation.objects.filter(toolbox=toolbox).values_list("unit_id", "text"))


def test_xliff12_round_trip_changes_exactly_the_units_edited(prepared, toolbox, translator):
    units = prepared
    exported = _export(toolbox, translator, "xliff12")
    root = etree.fromstring(exported)
    assert root.get("version") == "1.2" and root.nsmap[None] == XLIFF12
    # given: a CAT tool fills one new unit with inline markup, adds a note, changes one unit
    store = xliff.xlifffile.parsestring(exported)
    by_id = {item.getid().split("\x04")[-1]: item for item in store.unit_iter()}
    body_id = units[2].id  # "Section 1.1" title
    by_id[body_id].target = "Section **1.1**"
    by_id[body_id].addnote("Checked with the glossary", origin="translator")
    by_id[units[0].id].target = "Boîte à outils d’essai"
    before = _texts(toolbox)
    # when
    report = _import(toolbox, translator, bytes(store), "xliff12")
    # then
    assert report.applied, report.rejected
    assert report.added == [body_id]
    assert report.changed == [units[0].id]
    assert units[1].id in report.unchanged and not report.rejected
    after = _texts(toolbox)
    assert after[body_id] == "Section **1.1**"
    assert after[units[0].id] == "Boîte à outils d’essai"
    assert {k: v for k, v in after.items() if k not in (body_id, units[0].id)} == {
        k: v for k, v in before.items() if k != units[0].id
    }
    # the reviewed unit was untouched and stays reviewed
    assert Translation.objects.get(unit_id=units[1].id).status == TranslationStatus.REVIEWED


def test_xliff2_round_trip(prepared, toolbox, translator):
    units = prepared
    exported = _export(toolbox, translator, "xliff2")
    assert b"urn:oasis:names:tc:xliff:document:2.0" in exported
    store = xliff2.Xliff2File.parsestring(exported)
    for item in store.unit_iter():
        if item.getid() == units[3].id:
            item.target = "Écoutez attentivement et sans juger. Texte du module 1."
    report = _import(toolbox, translator, bytes(store), "xliff2")
    assert report.applied and report.added == [units[3].id] and not report.changed


def test_po_round_trip_ignores_fuzzy_entries(prepared, toolbox, translator):
    units = prepared
    catalogue = polib.pofile(_export(toolbox, translator, "po").decode())
    entries = {entry.msgctxt: entry for entry in catalogue}
    entries[units[2].id].msgstr = "Section 1.1"
    entries[units[2].id].tcomment = "translator note"
    entries[units[3].id].msgstr = "Texte incertain"
    entries[units[3].id].flags.append("fuzzy")
    report = _import(toolbox, translator, str(catalogue).encode(), "po")
    assert report.applied and report.added == [units[2].id]
    assert not Translation.objects.filter(unit_id=units[3].id).exists()


def test_a_module_can_be_exported_alone(prepared, toolbox, translator):
    module = toolbox.modules.last()
    catalogue = polib.pofile(_export(toolbox, translator, "po", module=module).decode())
    assert catalogue and all(
        f":{module.pk}:" in e.msgctxt or "section" in e.msgctxt for e in catalogue
    )
    assert not any(e.msgctxt.startswith("toolbox:") for e in catalogue)


@pytest.mark.parametrize(
    "content",
    [b"<xliff><file", b"not xml at all \x00", "\ufffe".encode("utf-16")],
)
def test_a_malformed_file_is_refused(prepared, toolbox, translator, content):
    before = _texts(toolbox)
    report = _import(toolbox, translator, content, "xliff12")
    assert not report.applied and report.error
    assert _texts(toolbox) == before


def test_a_file_of_another_language_or_toolbox_is_refused(
    prepared, toolbox, translator, manager, demo
):
    exported = _export(toolbox, manager, "xliff12")
    # another language: the manager may import Arabic, the file says French
    report = _import(toolbox, manager, exported, "xliff12", language="ar")
    assert not report.applied and "language" in report.error
    other = toolbox_services.create_toolbox(
        programme=demo, title="Other toolbox", target_group="women_girls", by=manager
    )
    report = services.import_translations(
        toolbox=other, language="fr", content=exported, fmt="xliff12", by=manager
    )
    assert not report.applied and "another toolbox" in report.error


def test_unknown_ids_or_lost_markup_reject_the_whole_file(prepared, toolbox, translator, editor):
    units = prepared
    section = toolbox.modules.first().sections.first()
    toolbox_services.save_section(
        section=section,
        title=section.title,
        body="Call %(phone)s or read [this](https://x.org).",
        expected_revision=section.revision,
        by=editor,
    )
    body_id = f"section:{section.pk}:body"
    catalogue = polib.pofile(_export(toolbox, translator, "po").decode())
    entries = {entry.msgctxt: entry for entry in catalogue}
    entries[body_id].msgstr = "Appelez le numéro ou lisez ceci."
    entries[units[2].id].msgstr = "Section 1.1"  # a good unit: must not be imported either
    catalogue.append(polib.POEntry(msgctxt="section:999999:body", msgid="x", msgstr="y"))
    before = _texts(toolbox)
    report = _import(toolbox, translator, str(catalogue).encode(), "po")
    assert not report.applied
    reasons = dict(report.rejected)
    assert "%(phone)s" in str(reasons[body_id]) and "https://x.org" in str(reasons[body_id])
    assert "Unknown" in str(reasons["section:999999:body"])
    assert _texts(toolbox) == before


def test_a_file_exported_before_the_source_changed_is_rejected(
    prepared, toolbox, translator, editor
):
    exported = polib.pofile(_export(toolbox, translator, "po").decode())
    section = toolbox.modules.first().sections.first()
    toolbox_services.save_section(
        section=section,
        title=section.title,
        body="New text.",
        expected_revision=section.revision,
        by=editor,
    )
    for entry in exported:
        if entry.msgctxt == f"section:{section.pk}:body":
            entry.msgstr = "Ancien texte traduit."
    report = _import(toolbox, translator, str(exported).encode(), "po")
    assert not report.applied and "changed since" in str(report.rejected[0][1])


def test_a_file_as_a_cat_tool_writes_it_is_accepted(prepared, toolbox, translator, editor):
    """States, alt-trans, notes and placeholders wrapped in <ph>, as Trados/memoQ-like tools
    write XLIFF 1.2."""
    section = toolbox.modules.first().sections.first()
    toolbox_services.save_section(
        section=section,
        title=section.title,
        body="Call %(phone)s now.",
        expected_revision=section.revision,
        by=editor,
    )
    body_id = f"section:{section.pk}:body"
    content = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="{toolbox.slug}" source-language="en" target-language="fr" datatype="plaintext"
       tool-id="cat">
  <header><tool tool-id="cat" tool-name="A CAT tool"/></header>
  <body>
   <trans-unit id="{body_id}" xml:space="preserve">
    <source>Call %(phone)s now.</source>
    <target state="translated">Appelez <ph id="1">%(phone)s</ph> maintenant.</target>
    <alt-trans><target>Appeler %(phone)s</target></alt-trans>
    <note from="translator">Imperative, as in the glossary.</note>
   </trans-unit>
  </body>
 </file>
</xliff>""".encode()
    report = _import(toolbox, translator, content, "xliff12")
    assert report.applied, (report.error, report.rejected)
    assert report.added == [body_id]
    assert _texts(toolbox)[body_id] == "Appelez %(phone)s maintenant."
