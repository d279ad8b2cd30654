"""Reads of the surveys app: results with small-cell suppression, free text, exports."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Subquery

from equalcity.core.privacy import Cell, suppress_small_cells
from equalcity.surveys import crypto
from equalcity.surveys.models import (
    Answer,
    Excerpt,
    FocusGroup,
    Question,
    Submission,
    Survey,
    Theme,
)
from equalcity.surveys.validation import language_key_for, text_in
from equalcity.surveys.xlsform import walk

COUNTED = {"select_one", "select_multiple", "range", "acknowledge"}
FREE_TEXT = {"text"}


def surveys_of(programme):
    return Survey.objects.filter(programme=programme).annotate(
        submission_count=Count("submissions")
    )


def survey_in(programme, public_id) -> Survey | None:
    return Survey.objects.filter(programme=programme, public_id=public_id).first()


@dataclass
class Row:
    label: str
    cell: Cell
    percent: int | None
    by: list = field(default_factory=list)


@dataclass
class QuestionResult:
    name: str
    label: str
    kind: str
    sensitive: bool
    rows: list[Row]
    total: Cell


def _options(item: dict, language_key: str) -> list[tuple[str, str]]:
    if item["type"] in {"select_one", "select_multiple"}:
        return [
            (c["name"], text_in(c["label"], language_key) or c["name"]) for c in item["choices"]
        ]
    if item["type"] == "acknowledge":
        return [("OK", "OK")]
    bounds = item.get("range") or {}
    start, end, step = bounds.get("start", 0), bounds.get("end", 10), bounds.get("step", 1) or 1
    options, value = [], start
    while (value <= end if step > 0 else value >= end) and len(options) < 100:
        text = str(int(value)) if value == int(value) else str(value)
        options.append((text, text))
        value += step
    return options


def results(survey: Survey, *, language: str, by_name: str = "") -> dict:
    """Counts and percentages per counted question, optionally crossed with one question.

    Four queries whatever the number of submissions: the total, the plain counts and the
    respondents per question (grouped in the database), and the sensitive answers
    (decrypted here to be counted, never shown one by one).
    """
    language_key = language_key_for(survey.definition, language)
    items = [item for item in walk(survey.definition["items"]) if item["type"] in COUNTED]
    by_item = next((i for i in items if i["name"] == by_name and not i["repeat"]), None)
    total = Submission.objects.filter(survey=survey).count()
    answers = Answer.objects.filter(question__survey=survey, question__kind__in=COUNTED)
    counts: dict[tuple, int] = {}
    if by_item is None:
        grouped = answers.filter(ciphertext="").values("question__name", "value")
        for row in grouped.annotate(n=Count("id")):
            counts[(row["question__name"], row["value"], "")] = row["n"]
    else:
        by_value = Answer.objects.filter(
            submission=OuterRef("submission"), question__survey=survey, question__name=by_name
        ).values("value")[:1]
        grouped = (
            answers.filter(ciphertext="")
            .annotate(by=Subquery(by_value))
            .values("question__name", "value", "by")
        )
        for row in grouped.annotate(n=Count("id")):
            counts[(row["question__name"], row["value"], row["by"] or "")] = row["n"]
    # Percentages are shares of the respondents who answered the question (a multiple
    # choice can add up to more than 100 %).
    respondents = {
        row["question__name"]: row["n"]
        for row in answers.values("question__name").annotate(n=Count("submission", distinct=True))
    }
    sensitive = answers.exclude(ciphertext="")
    if by_item is None:
        for name, ciphertext in sensitive.values_list("question__name", "ciphertext"):
            key = (name, crypto.decrypt(ciphertext), "")
            counts[key] = counts.get(key, 0) + 1
    by_options = _options(by_item, language_key) if by_item else []
    out = []
    for item in items:
        if item["sensitive"] and by_item is not None:
            continue  # a sensitive answer is never crossed with another question
        options = _options(item, language_key)
        flat = {(value, ""): counts.get((item["name"], value, ""), 0) for value, _ in options}
        if by_item is not None:
            flat = {
                (value, by): counts.get((item["name"], value, by), 0)
                for value, _ in options
                for by, _label in by_options
            }
        suppressed = suppress_small_cells(flat)
        answered = respondents.get(item["name"], 0)
        rows = []
        for value, label in options:
            if by_item is None:
                cell = suppressed[(value, "")]
                by_cells = []
            else:
                by_cells = [suppressed[(value, by)] for by, _label in by_options]
                row_total = sum(flat[(value, by)] for by, _label in by_options)
                cell = suppress_small_cells({value: row_total})[value]
            percent = None
            if not cell.suppressed and answered and not suppressed.total.suppressed:
                percent = round(100 * cell.value / answered)
            rows.append(Row(label=label, cell=cell, percent=percent, by=by_cells))
        out.append(
            QuestionResult(
                name=item["name"],
                label=text_in(item["label"], language_key) or item["name"],
                kind=item["type"],
                sensitive=item["sensitive"],
                rows=rows,
                total=suppressed.total,
            )
        )
    return {
        "total": suppress_small_cells({"all": total}).total,
        "questions": out,
        "by": by_item,
        "by_labels": [label for _, label in by_options],
        "crossable": [i for i in items if i["type"] == "select_one" and not i["repeat"]],
    }


def free_text(survey: Survey, *, language: str, limit: int = 200) -> list[tuple[str, list[str]]]:
    """Answers to non-sensitive text questions, newest last; one query."""
    language_key = language_key_for(survey.definition, language)
    labels = {
        item["name"]: text_in(item["label"], language_key) or item["name"]
        for item in walk(survey.definition["items"])
        if item["type"] in FREE_TEXT and not item["sensitive"]
    }
    grouped: dict[str, list[str]] = {name: [] for name in labels}
    rows = (
        Answer.objects.filter(
            question__survey=survey, question__kind__in=FREE_TEXT, question__sensitive=False
        )
        .exclude(value="")
        .values_list("question__name", "value")[: limit * max(1, len(labels))]
    )
    for name, value in rows:
        if name in grouped and len(grouped[name]) < limit:
            grouped[name].append(value)
    return [(labels[name], values) for name, values in grouped.items() if values]


def export_table(survey: Survey) -> dict:
    """Every submission as one row, repeat groups as extra tables; sensitive answers decrypted."""
    items = list(walk(survey.definition["items"]))
    top = [
        i["name"] for i in items if i["type"] not in {"group", "repeat", "note"} and not i["repeat"]
    ]
    repeats = {
        i["name"]: [c["name"] for c in walk(i["children"]) if c["type"] not in {"group", "note"}]
        for i in items
        if i["type"] == "repeat"
    }
    submissions = Submission.objects.filter(survey=survey).prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("question"))
    )
    main_rows, repeat_rows = [], {name: [] for name in repeats}
    json_rows = []
    for submission in submissions:
        values: dict[tuple, list[str]] = {}
        for answer in submission.answers.all():
            plain = crypto.decrypt(answer.ciphertext) if answer.ciphertext else answer.value
            values.setdefault((answer.question.name, answer.instance), []).append(plain)
        row = {
            "submission": str(submission.public_id),
            "submitted_at": submission.created_at.isoformat(),
            "language": submission.language,
            "city": submission.city,
        }
        for name in top:
            row[name] = " ".join(values.get((name, 0), []))
        main_rows.append(row)
        record = dict(row)
        for repeat, names in repeats.items():
            instances = sorted({i for (n, i) in values if n in names})
            record[repeat] = []
            for index in instances:
                sub = {name: " ".join(values.get((name, index), [])) for name in names}
                repeat_rows[repeat].append(
                    {"submission": row["submission"], "index": index + 1, **sub}
                )
                record[repeat].append(sub)
        json_rows.append(record)
    return {
        "columns": ["submission", "submitted_at", "language", "city", *top],
        "rows": main_rows,
        "repeats": {
            name: {"columns": ["submission", "index", *names], "rows": repeat_rows[name]}
            for name, names in repeats.items()
        },
        "json": json_rows,
    }


def focus_groups_of(programme):
    return (
        FocusGroup.objects.filter(programme=programme)
        .annotate(excerpt_count=Count("excerpts"))
        .order_by("-held_on", "city")
    )


def theme_table(programme) -> dict:
    """Excerpt counts per theme and session, counted in the database."""
    sessions = list(focus_groups_of(programme))
    themes = list(Theme.objects.filter(programme=programme).order_by("name"))
    counts = {(row["themes"], row["focus_group"]): row["n"] for row in _excerpt_counts(programme)}
    rows = [
        {
            "theme": theme,
            "cells": [counts.get((theme.pk, s.pk), 0) for s in sessions],
            "total": sum(counts.get((theme.pk, s.pk), 0) for s in sessions),
        }
        for theme in themes
    ]
    return {"sessions": sessions, "rows": rows}


def _excerpt_counts(programme):
    return (
        Excerpt.objects.filter(focus_group__programme=programme)
        .values("themes", "focus_group")
        .annotate(n=Count("id"))
    )


def focus_group_in(programme, public_id) -> FocusGroup | None:
    return (
        FocusGroup.objects.filter(programme=programme, public_id=public_id)
        .prefetch_related("excerpts__themes")
        .first()
    )


def question_names(survey: Survey) -> list[str]:
    return list(Question.objects.filter(survey=survey).values_list("name", flat=True))
