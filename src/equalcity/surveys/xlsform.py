"""From an XLSForm workbook to the survey definition Equalcity stores.

pyxform reads the workbook (``workbook_to_json``); this module walks pyxform's JSON
survey and keeps what the web form supports. Anything else is named in the report:
``errors`` refuse the import, ``warnings`` are presentational settings that are shown
to the importer and ignored.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from equalcity.surveys.expressions import ExpressionError, parse, references

TYPES = {
    "text": "text",
    "integer": "integer",
    "decimal": "decimal",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "date": "date",
    "note": "note",
    "acknowledge": "acknowledge",
    "range": "range",
    "calculate": "calculate",
    "group": "group",
    "repeat": "repeat",
}
ANSWERED = {"text", "integer", "decimal", "select_one", "select_multiple", "date"}
ANSWERED |= {"acknowledge", "range", "calculate"}
KNOWN_BIND = {"relevant", "constraint", "required", "jr:constraintMsg", "jr:requiredMsg"}
KNOWN_BIND |= {"calculate", "equalcity:sensitive", "equalcity:consent", "readonly"}
KNOWN_KEYS = {"type", "name", "label", "hint", "bind", "control", "parameters", "itemset"}
KNOWN_KEYS |= {"list_name", "choices", "choice_filter", "default", "sensitive", "consent"}
KNOWN_KEYS |= {"children"}
YES = {"yes", "true", "true()", "1"}
NO = {"", "no", "false", "false()", "0"}
_LANGUAGE_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\)\s*$")


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _texts(value) -> dict:
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(key): str(text) for key, text in value.items()}
    return {"default": str(value)}


def language_code(key: str) -> str:
    match = _LANGUAGE_CODE.search(key)
    return match.group(1).lower().replace("_", "-") if match else ""


class _Converter:
    def __init__(self, report: Report):
        self.report = report
        self.names: dict[str, dict] = {}
        self.languages: set[str] = set()

    def error(self, name: str, message: str) -> None:
        self.report.errors.append(
            _("Question “%(name)s”: %(message)s") % {"name": name, "message": message}
        )

    def warn(self, name: str, message: str) -> None:
        self.report.warnings.append(
            _("Question “%(name)s”: %(message)s") % {"name": name, "message": message}
        )

    def texts(self, value) -> dict:
        texts = _texts(value)
        self.languages.update(texts)
        return texts

    def expression(self, name, text, what, *, choice_columns=False):
        if text in (None, ""):
            return None
        try:
            return parse(str(text), choice_columns=choice_columns)
        except ExpressionError as error:
            self.error(
                name,
                _("the %(what)s “%(text)s” cannot be used: %(error)s")
                % {"what": what, "text": text, "error": error},
            )
            return None

    def items(self, children, repeat: str = "") -> list[dict]:
        items = []
        for child in children or []:
            if child.get("name") == "meta" and child.get("type") == "group":
                continue  # pyxform's own instanceID block; submissions carry their own UUID
            item = self.item(child, repeat)
            if item is not None:
                items.append(item)
        return items

    def item(self, source: dict, repeat: str) -> dict | None:
        name = str(source.get("name", ""))
        kind = TYPES.get(source.get("type", ""))
        if kind is None:
            self.error(
                name,
                _("the question type “%(type)s” is not supported") % {"type": source.get("type")},
            )
            return None
        if name in self.names:
            self.error(name, _("the name is used twice"))
        for key in sorted(set(source) - KNOWN_KEYS):
            self.warn(name, _("the column “%(column)s” is ignored") % {"column": key})
        bind = source.get("bind") or {}
        for key in sorted(set(bind) - KNOWN_BIND):
            self.error(name, _("the setting “%(setting)s” is not supported") % {"setting": key})
        control = source.get("control") or {}
        if control.get("appearance"):
            self.warn(
                name,
                _("the appearance “%(appearance)s” is ignored")
                % {"appearance": control["appearance"]},
            )
        if any("${" in text for text in _texts(source.get("label")).values()):
            self.warn(name, _("references to answers in the label are shown as written"))
        required = str(bind.get("required", "")).strip().lower()
        if required not in YES | NO:
            self.error(name, _("a computed “required” is not supported"))
        readonly = str(bind.get("readonly", "")).strip().lower()
        if readonly not in NO and kind != "calculate":
            self.error(name, _("read-only questions are not supported"))
        sensitive = str(source.get("sensitive", bind.get("equalcity:sensitive", ""))).lower()
        consent = str(source.get("consent", bind.get("equalcity:consent", ""))).lower()
        item = {
            "name": name,
            "type": kind,
            "label": self.texts(source.get("label")),
            "hint": self.texts(source.get("hint")),
            "required": required in YES,
            "required_message": self.texts(bind.get("jr:requiredMsg")),
            "relevant": self.expression(name, bind.get("relevant"), _("relevance condition")),
            "constraint": self.expression(name, bind.get("constraint"), _("constraint")),
            "constraint_message": self.texts(bind.get("jr:constraintMsg")),
            "calculation": self.expression(name, bind.get("calculate"), _("calculation")),
            "choice_filter": self.expression(
                name, source.get("choice_filter"), _("choice filter"), choice_columns=True
            ),
            "default": str(source.get("default", "") or ""),
            "sensitive": sensitive in YES,
            "consent": consent in YES,
            "repeat": repeat,
        }
        self.names[name] = item
        if kind == "calculate" and item["calculation"] is None and not self.report.errors:
            self.error(name, _("a calculation is missing"))
        if kind in {"select_one", "select_multiple"}:
            item["choices"] = [
                {
                    "name": str(choice.get("name", "")),
                    "label": self.texts(choice.get("label")),
                    "columns": {
                        key: str(value)
                        for key, value in choice.items()
                        if key not in {"name", "label"}
                    },
                }
                for choice in source.get("choices") or []
            ]
            if not item["choices"]:
                self.error(name, _("the choice list is empty"))
        if kind == "range":
            parameters = source.get("parameters") or {}
            try:
                item["range"] = {
                    key: float(parameters.get(key, default))
                    for key, default in (("start", 0), ("end", 10), ("step", 1))
                }
            except (TypeError, ValueError):
                self.error(name, _("the range parameters are not numbers"))
        if kind in {"group", "repeat"}:
            if kind == "repeat" and repeat:
                self.error(name, _("a repeat inside a repeat is not supported"))
            item["children"] = self.items(
                source.get("children"), repeat=name if kind == "repeat" else repeat
            )
        return item


def convert(survey_json: dict) -> tuple[dict, Report]:
    """The stored definition of a pyxform JSON survey, and the report of what was left out."""
    report = Report()
    converter = _Converter(report)
    items = converter.items(survey_json.get("children"))
    names = converter.names
    _check_references(names, report)
    default_language = str(survey_json.get("default_language") or "default")
    keys = sorted(converter.languages, key=lambda key: (key != default_language, key))
    languages = [{"key": key, "code": language_code(key)} for key in keys]
    definition = {
        "form_id": str(survey_json.get("id_string") or survey_json.get("name") or "form"),
        "title": str(survey_json.get("title") or survey_json.get("id_string") or ""),
        "default_language": default_language,
        "languages": languages,
        "items": items,
    }
    return definition, report


def _check_references(names: dict[str, dict], report: Report) -> None:
    graph: dict[str, set[str]] = {}
    for name, item in names.items():
        for key in ("relevant", "constraint", "calculation", "choice_filter"):
            tree = item.get(key)
            if tree is None:
                continue
            for ref in sorted(references(tree)):
                if ref not in names:
                    report.errors.append(
                        _("Question “%(name)s”: it refers to ${%(ref)s}, which does not exist")
                        % {"name": name, "ref": ref}
                    )
            if key == "calculation":
                graph[name] = references(tree) & set(names)
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycle = " → ".join([*trail[trail.index(target) :], target])
                report.errors.append(
                    _("The calculations refer to each other in a circle: %(cycle)s")
                    % {"cycle": cycle}
                )
            elif target not in state and target in graph:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def walk(items):
    """Every item of a definition, depth first, in form order."""
    for item in items:
        yield item
        yield from walk(item.get("children") or [])
