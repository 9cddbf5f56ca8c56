"""Type checking and lowering of function bodies to the Goose IR.

One `FuncLowerer` per function. It reports every error it finds (it never stops at the
first): an erroneous expression gets the `invalid` type, which silences follow-on errors.
Names that shadow an outer variable of the same function get a fresh IR name (`x$2`) so the
IR has one name per variable; variables whose address is taken or that a goroutine captures
are marked `boxed` (they live in a heap cell).

The work is split by job: `core` (state, scopes, names), `statements`, `goroutines` (go
literals and captures), `places` (assignment targets), `expressions`, `composites`, `calls`,
`builtins`, `conversions` (untyped constants, assignability, conversions), `literals`,
`typeinfo` (fields and methods of a type) and `function` (a whole declaration).
"""

from __future__ import annotations

from goose.lower.builtins import BuiltinMixin
from goose.lower.calls import CallMixin
from goose.lower.composites import CompositeMixin
from goose.lower.conversions import ConversionMixin
from goose.lower.core import LowererCore, Scope, VarInfo
from goose.lower.expressions import ExpressionMixin
from goose.lower.function import FunctionMixin, finish
from goose.lower.goroutines import GoroutineMixin
from goose.lower.places import PlaceMixin
from goose.lower.statements import StatementMixin

__all__ = ["FuncLowerer", "Scope", "VarInfo", "finish"]


class FuncLowerer(
    FunctionMixin,
    StatementMixin,
    GoroutineMixin,
    PlaceMixin,
    ExpressionMixin,
    CompositeMixin,
    CallMixin,
    BuiltinMixin,
    ConversionMixin,
    LowererCore,
):
    """Type checks and lowers one function (see the module docstring)."""
