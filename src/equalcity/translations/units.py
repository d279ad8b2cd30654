"""The translatable units of a toolbox's working draft, each with a stable id.

Ids name the database row and field (``section:<pk>:body``), so they survive reordering and
retitling; published editions keep the same pks as ``source_section_id`` / ``source_module_id``.
"""

import hashlib
from dataclasses import dataclass

from equalcity.toolboxes.models import Module, Toolbox


@dataclass(frozen=True)
class Unit:
    id: str
    label: str
    text: str

    @property
    def hash(self) -> str:
        return source_hash(self.text)


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _module_units(module: Module) -> list[Unit]:
    units = [Unit(f"module:{module.pk}:title", f"{module.position}. {module.title}", module.title)]
    if module.summary.strip():
        units.append(Unit(f"module:{module.pk}:summary", module.title, module.summary))
    if module.learning_objectives.strip():
        units.append(
            Unit(f"module:{module.pk}:objectives", module.title, module.learning_objectives)
        )
    for section in module.sections.all():
        units.append(Unit(f"section:{section.pk}:title", section.title, section.title))
        if section.body.strip():
            units.append(Unit(f"section:{section.pk}:body", section.title, section.body))
    for testimony in module.testimonies.all():
        if testimony.consent_given or testimony.is_illustrative:
            units.append(Unit(f"testimony:{testimony.pk}:quote", module.title, testimony.quote))
    return units


def _units(toolbox: Toolbox, modules) -> list[Unit]:
    units = [Unit(f"toolbox:{toolbox.pk}:title", toolbox.title, toolbox.title)]
    if toolbox.summary.strip():
        units.append(Unit(f"toolbox:{toolbox.pk}:summary", toolbox.title, toolbox.summary))
    for item in modules:
        units.extend(_module_units(item))
    return units


def toolbox_units(toolbox: Toolbox, *, module: Module | None = None) -> list[Unit]:
    """Every unit of the toolbox (or of one of its modules), in reading order."""
    modules = toolbox.modules.prefetch_related("sections", "testimonies")
    if module is not None:
        return _module_units(modules.get(pk=module.pk))
    return _units(toolbox, modules)


def units_of_toolboxes(toolboxes) -> dict[int, list[Unit]]:
    """The units of several toolboxes by toolbox pk, read in three queries whatever their number."""
    toolboxes = list(toolboxes)
    by_toolbox: dict[int, list[Module]] = {toolbox.pk: [] for toolbox in toolboxes}
    for module in Module.objects.filter(toolbox__in=toolboxes).prefetch_related(
        "sections", "testimonies"
    ):
        by_toolbox[module.toolbox_id].append(module)
    return {toolbox.pk: _units(toolbox, by_toolbox[toolbox.pk]) for toolbox in toolboxes}
