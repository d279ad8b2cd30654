"""The respondent form as a tree the template draws, in the respondent's language."""

from equalcity.surveys.validation import text_in

INPUT_TYPES = {"text": "text", "integer": "number", "decimal": "number", "date": "date"}


def _node(item, language_key, values, errors, prefix):
    key = prefix + item["name"]
    value = values.get(item["name"], item.get("default", "") if not values else "")
    node = {
        "item": item,
        "key": key,
        "id": "q-" + key.replace(".", "-"),
        "type": item["type"],
        "label": text_in(item["label"], language_key) or item["name"],
        "hint": text_in(item["hint"], language_key),
        "required": item["required"] or item.get("consent", False),
        "error": errors.get(key, ""),
        "value": value if not isinstance(value, list) else "",
        "input_type": INPUT_TYPES.get(item["type"], "text"),
        "step": "any" if item["type"] == "decimal" else "1",
    }
    if item["type"] in {"select_one", "select_multiple"}:
        chosen = value if isinstance(value, list) else [value]
        node["choices"] = [
            {
                "name": choice["name"],
                "label": text_in(choice["label"], language_key) or choice["name"],
                "checked": choice["name"] in chosen,
                "id": f"{node['id']}-{index}",
            }
            for index, choice in enumerate(item["choices"])
        ]
    if item["type"] == "range":
        node["range"] = item.get("range") or {}
    if item["type"] == "group":
        node["children"] = [
            _node(child, language_key, values, errors, prefix) for child in item["children"]
        ]
    if item["type"] == "repeat":
        instances = values.get(item["name"]) or [{}]
        node["instances"] = [
            {
                "index": index,
                "children": [
                    _node(child, language_key, instance, errors, f"{item['name']}.{index}.")
                    for child in item["children"]
                ],
            }
            for index, instance in enumerate(instances)
        ]
        node["count"] = len(instances)
    return node


def form_tree(definition: dict, language_key: str, values: dict, errors: dict) -> list[dict]:
    return [
        _node(item, language_key, values, errors, "")
        for item in definition["items"]
        if item["type"] != "calculate"
    ]


def read_post(definition: dict, post) -> dict:
    """The answers of a plain (no script) form post, in the shape ``validation.clean`` reads."""
    data: dict = {}

    def read(items, prefix, target):
        for item in items:
            if item["type"] == "group":
                read(item["children"], prefix, target)
            elif item["type"] == "repeat":
                try:
                    count = max(0, min(50, int(post.get(f"{item['name']}.count", "1"))))
                except ValueError:
                    count = 1
                target[item["name"]] = []
                for index in range(count):
                    instance: dict = {}
                    read(item["children"], f"{item['name']}.{index}.", instance)
                    target[item["name"]].append(instance)
            elif item["type"] == "select_multiple":
                target[item["name"]] = post.getlist(prefix + item["name"])
            elif item["type"] not in {"note", "calculate"}:
                target[item["name"]] = post.get(prefix + item["name"], "")

    read(definition["items"], "", data)
    return data
