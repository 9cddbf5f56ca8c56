"""DESIGN's annotation-burden target: for every verified example, annotation lines are no
more than code lines (the paper's Mailboat proof was 3,190 lines for 160 lines of code)."""

from __future__ import annotations

import glob
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANNOTATION = re.compile(r"//\s?@|/\*@")
COMMENT_ONLY = re.compile(r"^\s*(//|/\*|\*)")


def burden(directory: str) -> tuple[int, int]:
    """(annotation lines, code lines) of a package's non-test Go files."""
    annotations = code = 0
    for path in glob.glob(os.path.join(directory, "*.go")):
        if path.endswith("_test.go"):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if ANNOTATION.search(line):
                    annotations += 1
                if line.strip() and not COMMENT_ONLY.match(line):
                    code += 1
    return annotations, code


EXAMPLES = sorted(
    d for d in glob.glob(os.path.join(ROOT, "proofs", "*")) if os.path.isdir(d) and glob.glob(os.path.join(d, "*.go"))
) + [os.path.join(ROOT, "mailboat")]


@pytest.mark.parametrize("example", EXAMPLES, ids=os.path.basename)
def test_annotation_lines_are_no_more_than_code_lines(example: str) -> None:
    annotations, code = burden(example)
    assert annotations > 0, "an example without annotations proves nothing"
    assert annotations <= code, f"{annotations} annotation lines for {code} lines of code"


def test_burden_counts_trailing_and_doc_comment_annotations(tmp_path) -> None:
    (tmp_path / "p.go").write_text(
        "package p\n\n// @ requires a < 3\nfunc F(a uint64) uint64 {\n\treturn a //@ assert a < 3\n}\n"
    )
    assert burden(str(tmp_path)) == (2, 4)
