"""The layers import one way: no two apps import each other, and no module of the package
is part of an import cycle (a service never imports the task that imports it back).

Imports inside functions count too: they hide a cycle from Python, not from the design.
"""

import ast
from pathlib import Path

import equalcity

PACKAGE = Path(equalcity.__file__).resolve().parent

# Still to untangle: accounts' member pages look programmes up, and programmes' models
# point at accounts' organisations (issue "One way to do each thing"). Remove the pair
# once it is gone; the test fails when it is.
KNOWN_APP_PAIRS = {frozenset({"accounts", "programmes"})}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module)
                imported.update(f"{node.module}.{a.name}" for a in node.names)
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_is_part_of_an_import_cycle():
    assert _cycles(_graph()) == []


def test_no_two_apps_import_each_other():
    depends: dict[str, set[str]] = {}
    for module, imported in _graph().items():
        for other in imported:
            if _app(other) != _app(module):
                depends.setdefault(_app(module), set()).add(_app(other))
    mutual = {
        frozenset({a, b})
        for a, targets in depends.items()
        for b in targets
        if a in depends.get(b, set())
    }
    assert mutual == KNOWN_APP_PAIRS


def test_the_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [["a", "b", "c"]]
