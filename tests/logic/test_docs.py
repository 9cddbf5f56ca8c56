"""Docs and tool agree: every annotation that docs/annotations.md shows in a Go example
parses (a group is a run of `//@` / `// @` lines, or the annotation trailing a line of code),
and every clause keyword the cheat sheet lists is one the parser knows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from armada_ls.logic.parser import CLAUSE_WORDS, parse_text

DOC = Path(__file__).resolve().parents[2] / "docs" / "annotations.md"
_MARK = re.compile(r"//\s?@(.*)$")


def _groups() -> list[tuple[int, str]]:
    """(line in the doc, text) of every annotation group in a ```go block."""
    out: list[tuple[int, str]] = []
    in_go, run, start = False, [], 0
    for n, line in enumerate(DOC.read_text().splitlines(), 1):
        if line.startswith("```"):
            in_go = line.strip() == "```go"
            if run:
                out.append((start, "\n".join(run)))
            run = []
            continue
        if not in_go:
            continue
        m = _MARK.search(line)
        own_line = m is not None and line.strip().startswith("//")
        if m and own_line:
            if not run:
                start = n
            run.append(m.group(1))
            continue
        if run:
            out.append((start, "\n".join(run)))
            run = []
        if m:  # trailing a line of code
            out.append((n, m.group(1)))
    return out


GROUPS = _groups()


def test_the_doc_has_examples() -> None:
    assert len(GROUPS) >= 15


@pytest.mark.parametrize(("line", "text"), GROUPS, ids=[f"line{n}" for n, _ in GROUPS])
def test_every_documented_annotation_parses(line: int, text: str) -> None:
    if text.strip() in ("", "...") or text.strip().startswith("..."):
        return
    _, errors = parse_text(text)
    assert not errors, (line, text, [e.message for e in errors])


def test_the_placement_table_names_only_known_clauses() -> None:
    doc = DOC.read_text()
    table = doc[doc.index("| clause | where it may appear |"):doc.index("A ghost statement")]
    words = {row.split("|")[1] for row in table.splitlines()[2:] if row.startswith("|")}
    names = {w for cell in words for w in re.findall(r"`([a-z_]+)`", cell)}
    assert names <= CLAUSE_WORDS, names - CLAUSE_WORDS
