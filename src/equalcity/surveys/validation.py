"""The server's check of a submission: skip logic, required, types, constraints, calculations.

The browser runs the same rules (``static/surveys/form.js``) to help the respondent; this
module decides. Input is a mapping ``name -> str | list[str]`` with repeats as
``repeat_name -> [mapping, ...]``; output is the cleaned values (irrelevant answers
dropped) and the errors keyed ``name`` or ``repeat.index.name``.
"""

import math
import re
from datetime import date

from django.utils.translation import gettext as _

from equalcity.surveys.expressions import evaluate, to_bool, to_number, to_string

_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
MAX_TEXT = 5000
MAX_REPEATS = 50


def text_in(texts: dict, language_key: str, default_key: str = "default") -> str:
    if not texts:
        return ""
    for key in (language_key, default_key, "default"):
        if key in texts:
            return texts[key]
    return next(iter(texts.values()))


def language_key_for(definition: dict, code: str) -> str:
    for language in definition["languages"]:
        if language["code"] == code:
            return language["key"]
    for language in definition["languages"]:
        if language["code"] and code and language["code"].split("-")[0] == code.split("-")[0]:
            return language["key"]
    return definition["default_language"]


def consent_item(definition: dict) -> dict | None:
    from equalcity.surveys.xlsform import walk

    return next((item for item in walk(definition["items"]) if item.get("consent")), None)


def consent_given(item: dict, value) -> bool:
    return to_string(value).strip().lower() in {"ok", "yes", "1", "true"}


def allowed_choices(item: dict, lookup) -> list[dict]:
    tree = item.get("choice_filter")
    if tree is None:
        return item["choices"]
    kept = []
    for choice in item["choices"]:

        def column(name, choice=choice):
            return choice["name"] if name == "name" else choice["columns"].get(name, "")

        if to_bool(evaluate(tree, lookup, column=column)):
            kept.append(choice)
    return kept


def _normalise(item: dict, raw):
    if item["type"] == "select_multiple":
        if raw is None:
            return []
        values = raw if isinstance(raw, list) else str(raw).split()
        return [str(v).strip() for v in values if str(v).strip()]
    if isinstance(raw, list):
        raw = raw[0] if raw else ""
    return "" if raw is None else str(raw).strip()


def clean(definition: dict, data: dict, *, language_key: str, today: date | None = None):
    values: dict = {}
    errors: dict[str, str] = {}
    consent = consent_item(definition)

    def message(item, texts_key, fallback):
        return text_in(item.get(texts_key) or {}, language_key) or str(fallback)

    def check(item, raw, key, lookup, store):
        kind = item["type"]
        if kind == "calculate":
            result = evaluate(item["calculation"], lookup, today=today)
            store[item["name"]] = to_string(result)
            return
        if kind == "note":
            return
        value = _normalise(item, raw)
        empty = value == [] or value == ""
        if empty:
            if item["required"] or (consent is item):
                errors[key] = message(item, "required_message", _("This question needs an answer."))
            store[item["name"]] = value
            return
        problem = None
        if kind == "text" and len(value) > MAX_TEXT:
            problem = _("This answer is too long.")
        elif kind == "integer" and not _INTEGER.match(value):
            problem = _("Enter a whole number.")
        elif kind == "decimal" and not _DECIMAL.match(value):
            problem = _("Enter a number.")
        elif kind == "date":
            try:
                value = date.fromisoformat(value).isoformat()
            except ValueError:
                problem = _("Enter a date as YYYY-MM-DD.")
        elif kind == "acknowledge" and value.upper() != "OK":
            problem = _("Tick the box to confirm.")
        elif kind == "range":
            number, bounds = to_number(value), item.get("range") or {}
            low, high = sorted((bounds.get("start", 0), bounds.get("end", 10)))
            step = abs(bounds.get("step", 1)) or 1
            if math.isnan(number) or not low <= number <= high:
                problem = _("Choose a value in the range.")
            elif abs((offset := (number - low) / step) - round(offset)) > 1e-9:
                problem = _("Choose a value in the range.")
        elif kind in {"select_one", "select_multiple"}:
            allowed = {choice["name"] for choice in allowed_choices(item, lookup)}
            chosen = value if isinstance(value, list) else [value]
            if len(set(chosen)) != len(chosen) or not set(chosen) <= allowed:
                problem = _("Choose one of the options shown.")
        if kind == "acknowledge" and problem is None:
            value = "OK"
        if problem is None and item.get("constraint") is not None:
            if not to_bool(evaluate(item["constraint"], lookup, current=value, today=today)):
                problem = message(item, "constraint_message", _("This answer is not accepted."))
        if problem is not None:
            errors[key] = problem
        store[item["name"]] = value

    def run(items, source, store, prefix, lookup, relevant_above):
        for item in items:
            relevant = relevant_above
            if relevant and item.get("relevant") is not None:
                relevant = to_bool(evaluate(item["relevant"], lookup, today=today))
            if (
                relevant
                and consent is not None
                and item is not consent
                and not consent_given(consent, values.get(consent["name"]))
            ):
                relevant = False
            if item["type"] == "group":
                run(item["children"], source, store, prefix, lookup, relevant)
            elif item["type"] == "repeat":
                instances = source.get(item["name"]) if relevant else None
                instances = instances if isinstance(instances, list) else []
                if len(instances) > MAX_REPEATS:
                    errors[prefix + item["name"]] = _("Too many entries.")
                    instances = instances[:MAX_REPEATS]
                store[item["name"]] = []
                for index, instance in enumerate(instances):
                    instance = instance if isinstance(instance, dict) else {}
                    cleaned: dict = {}
                    store[item["name"]].append(cleaned)

                    def inner(name, cleaned=cleaned, instance=instance, repeat=item):
                        if name in cleaned:
                            return cleaned[name]
                        if any(child["name"] == name for child in _leaves(repeat)):
                            return instance.get(name, "")
                        return lookup(name)

                    run(
                        item["children"], instance, cleaned, f"{item['name']}.{index}.", inner, True
                    )
            elif relevant:
                check(item, source.get(item["name"]), prefix + item["name"], lookup, store)
            else:
                store[item["name"]] = [] if item["type"] == "select_multiple" else ""

    def top(name):
        if name in values:
            return values[name]
        return data.get(name, "")

    run(definition["items"], data, values, "", top, True)
    if consent is not None and not consent_given(consent, values.get(consent["name"])):
        errors.setdefault(
            consent["name"], _("The survey can only be answered after you give your consent.")
        )
    return values, errors


def _leaves(item):
    for child in item.get("children") or []:
        yield child
        yield from _leaves(child)
