"""A line diff between two answer versions, with the changed words marked inside changed lines.

Rows carry plain text segments; the template escapes them and wraps changed segments in <del>/<ins>, so the diff
never needs raw HTML.
"""

import difflib
import re
from dataclasses import dataclass, field

_WORDS = re.compile(r"\S+\s*|\s+")  # a word with its trailing space, so spaces alone never match


@dataclass
class Segment:
    text: str
    changed: bool


@dataclass
class DiffRow:
    kind: str  # "same" | "added" | "removed" | "changed"
    old_no: int | None = None
    new_no: int | None = None
    old: list[Segment] = field(default_factory=list)
    new: list[Segment] = field(default_factory=list)


def _word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(Segment("".join(a[i1:i2]), False))
            right.append(Segment("".join(b[j1:j2]), False))
        else:
            if i2 > i1:
                left.append(Segment("".join(a[i1:i2]), True))
            if j2 > j1:
                right.append(Segment("".join(b[j1:j2]), True))
    return left, right


def line_diff(old: str, new: str) -> list[DiffRow]:
    a = (old or "").splitlines()
    b = (new or "").splitlines()
    rows: list[DiffRow] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                text = [Segment(a[i1 + k], False)]
                rows.append(DiffRow("same", i1 + k + 1, j1 + k + 1, text, text))
        elif op == "replace":
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                left, right = _word_diff(a[i1 + k], b[j1 + k])
                rows.append(DiffRow("changed", i1 + k + 1, j1 + k + 1, left, right))
            for k in range(i1 + pairs, i2):
                rows.append(DiffRow("removed", old_no=k + 1, old=[Segment(a[k], True)]))
            for k in range(j1 + pairs, j2):
                rows.append(DiffRow("added", new_no=k + 1, new=[Segment(b[k], True)]))
        elif op == "delete":
            for k in range(i1, i2):
                rows.append(DiffRow("removed", old_no=k + 1, old=[Segment(a[k], True)]))
        else:  # insert
            for k in range(j1, j2):
                rows.append(DiffRow("added", new_no=k + 1, new=[Segment(b[k], True)]))
    return rows


def has_changes(rows: list[DiffRow]) -> bool:
    return any(row.kind != "same" for row in rows)
