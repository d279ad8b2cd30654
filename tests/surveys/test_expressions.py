from datetime import date

import pytest

from equalcity.surveys.expressions import ExpressionError, evaluate, parse, references


def run(text, answers=None, current=None, **kw):
    answers = answers or {}
    return evaluate(
        parse(text, **kw),
        lambda name: answers.get(name, ""),
        current=current,
        today=date(2020, 3, 31),
    )


CASES = [
    ("${age} >= 18", {"age": "20"}, None, True),
    ("${age} >= 18", {"age": "12"}, None, False),
    ("${age} >= 18", {"age": ""}, None, False),
    ("${a} = 'yes' and not(${b} = 'no')", {"a": "yes", "b": "x"}, None, True),
    ("${a} = 'yes' or ${b} = 'no'", {"a": "n", "b": "n"}, None, False),
    ("selected(${t}, 'fgm')", {"t": ["fgm", "domestic"]}, None, True),
    ("selected(../t, 'x')", {"t": "a b"}, None, False),
    ("count-selected(${t}) <= 2", {"t": ["a", "b", "c"]}, None, False),
    ("string-length(.) < 4", {}, "abc", True),
    (". <= today()", {}, "2020-03-01", True),
    (". <= today()", {}, "2021-01-01", False),
    ("${n} * 2 + 1 = 7", {"n": "3"}, None, True),
    ("10 div 4", {}, None, 2.5),
    ("7 mod 3", {}, None, 1.0),
    ("-${n}", {"n": "2"}, None, -2.0),
    ("if(${n} > 1, 'big', 'small')", {"n": "3"}, None, "big"),
]


@pytest.mark.parametrize(("text", "answers", "current", "expected"), CASES)
def test_the_supported_subset_evaluates_like_xlsform(text, answers, current, expected):
    assert run(text, answers, current) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("regex(${a}, 'x')", "regex()"),
        ("${a} = ", "ends too early"),
        ("${a} === 2", "unexpected"),
        ("position(..) > 1", "position()"),
        ("cf = 'x'", "cf"),
        ("selected(${a})", "selected()"),
    ],
)
def test_unsupported_expressions_are_refused_with_the_part_named(text, named):
    with pytest.raises(ExpressionError) as error:
        parse(text)
    assert named in str(error.value)


def test_a_choice_filter_reads_columns_of_the_choice():
    tree = parse("${state} = cf", choice_columns=True)
    assert evaluate(tree, lambda n: "texas", column=lambda c: "texas") is True
    assert evaluate(tree, lambda n: "texas", column=lambda c: "washington") is False
    assert references(tree) == {"state"}


def test_the_browser_evaluates_the_same_trees_to_the_same_values(settings):
    """Runs static/surveys/expressions.js under Node on every case above."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed")
    script = settings.BASE_DIR / "src/equalcity/surveys/static/surveys/expressions.js"
    cases = [
        {"tree": parse(text), "answers": answers, "current": current}
        for text, answers, current, _expected in CASES
    ]
    program = (
        f"const e = require({json.dumps(str(script))});"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(cases.map(c => e.evaluate(c.tree,"
        " n => (n in c.answers ? c.answers[n] : ''), c.current, null, '2020-03-31'))));"
    )
    result = subprocess.run(  # noqa: S603 - a fixed program on this machine's Node
        [node, "-e", program], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    browser = json.loads(result.stdout)
    for (text, _answers, _current, expected), value in zip(CASES, browser, strict=True):
        assert value == expected, text
