"""Two editions side by side: which sections were added, removed or changed, and how.

Words are compared with :mod:`difflib`; every piece of text is escaped before it is wrapped
in ``<del>`` (left, the earlier edition) or ``<ins>`` (right, the later one).
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class SectionDiff:
    title: str
    status: str  # "added", "removed", "changed", "same"
    before: SafeString
    after: SafeString


def diff_text(before: str, after: str) -> tuple[SafeString, SafeString]:
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = escape("".join(old[a1:a2])), escape("".join(new[b1:b2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above


def diff_sections(before: list, after: list) -> list[SectionDiff]:
    """Sections (with ``source_section_id``, ``title``, ``body``) of two editions, paired."""
    old = {s.source_section_id: s for s in before}
    rows = []
    seen = set()
    for section in after:
        previous = old.get(section.source_section_id)
        seen.add(section.source_section_id)
        if previous is None:
            left, right = diff_text("", section.body)
            rows.append(SectionDiff(section.title, "added", left, right))
            continue
        text_before = f"{previous.title}\n\n{previous.body}"
        text_after = f"{section.title}\n\n{section.body}"
        left, right = diff_text(text_before, text_after)
        status = "same" if text_before == text_after else "changed"
        rows.append(SectionDiff(section.title, status, left, right))
    for section in before:
        if section.source_section_id not in seen:
            left, right = diff_text(section.body, "")
            rows.append(SectionDiff(section.title, "removed", left, right))
    return rows
