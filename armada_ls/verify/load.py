"""Loading a package for verification: the Goose front end, then the annotations."""

from __future__ import annotations

from dataclasses import dataclass, field

from armada_ls.logic import ast as A
from goose import ir
from goose.diagnostics import Diagnostic


@dataclass
class Loaded:
    package: ir.Package | None
    annotations: A.Annotations | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load(directory: str) -> Loaded:
    from armada_ls.logic.annotate import annotate
    from goose.frontend import load_package

    r = load_package(directory)
    if r.package is None:
        return Loaded(None, None, list(r.diagnostics))
    ann, diags = annotate(r.package)
    return Loaded(r.package, ann, list(r.diagnostics) + list(diags))
