"""Recursive-descent parser for annotation groups (the grammar is in docs/annotations.md).

A group holds one or more clauses, each starting with a keyword (`requires`, `spec`, ...);
clauses are separated by a newline or `;`. An expression continues onto the next line when
that line starts with a binary operator, when the line ends in one, or inside brackets, so a
long `crash_inv` can span several `//@` lines. Inside `{ }` blocks (spec bodies, explore
harnesses) newlines separate statements.

Errors never stop the parse: each failing clause (or spec statement) reports one error at the
exact token and what was expected there, and parsing resumes at the next clause (statement).
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import get_close_matches
from typing import TypeVar

from goose import types as T
from goose.ir import AnnotationGroup, AnnotationLine, Pos, Span

from . import ast as A
from .lexer import EOF, ERROR, IDENT, INT, NEWLINE, OP, STRING, Token, lex

Item = A.Clause | A.SpecDecl
_T = TypeVar("_T")

CLAUSE_WORDS = frozenset(
    {
        "spec",
        "implements",
        "requires",
        "ensures",
        "preserves",
        "invariant",
        "decreases",
        "crash_inv",
        "lock_inv",
        "linearize",
        "linearizes",
        "helping",
        "complete",
        "recover",
        "init",
        "assert",
        "explore",
        "may_fail",
        "disk_size",
        "crash_model",
        "creator_dir",
        "crash_step",
        "internal",
        "pure",
        "ghost",
        "predicate",
    }
)

# Gobra keywords we do not support (yet): say so instead of "expected a keyword".
RESERVED = {
    word: f"'{word}' is Gobra's, but Armada has no abstract predicates to fold or unfold "
    "(a `predicate` or `ghost func` is unfolded automatically wherever it is called)"
    for word in ("fold", "unfold")
}

# Words that begin a clause or a spec item: an expression never continues onto such a line.
LINE_STARTERS = CLAUSE_WORDS | {"state", "op", "crash"}

# Binary operators by Go precedence; `==>` sits below `||` and is right-associative.
BINARY_PREC: dict[str, int] = {
    "==>": 1,
    "||": 2,
    "&&": 3,
    "==": 4,
    "!=": 4,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "|": 5,
    "^": 5,
    "*": 6,
    "/": 6,
    "%": 6,
    "<<": 6,
    ">>": 6,
    "&": 6,
    "&^": 6,
}
UNARY_OPS = ("!", "-", "^")
BASIC_TYPES: dict[str, T.Type] = {
    "uint64": T.UINT64,
    "uint32": T.UINT32,
    "byte": T.BYTE,
    "uint8": T.BYTE,
    "bool": T.BOOL,
    "string": T.STRING,
}


class _Failure(Exception):
    """Unwinds to the nearest recovery point after an error has been recorded."""


def join(a: Span, b: Span) -> Span:
    return Span(a.start, b.end, a.start_byte, b.end_byte)


class Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.toks = tokens
        self.i = 0
        self.nest = 0  # open ( and [: newlines inside them are insignificant
        self.no_literal = False  # in an `if` condition: `x {` opens the block
        self.errors: list[A.ParseError] = []
        self.last = tokens[0]

    # ------------------------------------------------------------ token access

    def peek(self) -> Token:
        if self.nest > 0:
            while self.toks[self.i].kind == NEWLINE:
                self.i += 1
        return self.toks[self.i]

    def peek_past_newlines(self) -> Token:
        j = self.i
        while self.toks[j].kind == NEWLINE:
            j += 1
        return self.toks[j]

    def skip_newlines(self) -> None:
        while self.toks[self.i].kind == NEWLINE:
            self.i += 1

    def advance(self) -> Token:
        tok = self.peek()
        if tok.kind != EOF:
            self.i += 1
        self.last = tok
        return tok

    def fail(self, tok: Token, expected: str) -> _Failure:
        if tok.kind == ERROR:
            msg = str(tok.value)
        else:
            msg = f"expected {expected}, found {tok.describe()}"
        # One report per place: an unclosed block fails once, not once per enclosing level.
        if not self.errors or self.errors[-1].span != tok.span:
            self.errors.append(A.ParseError(tok.span, msg))
        return _Failure()

    def expect_op(self, op: str, expected: str = "") -> Token:
        tok = self.peek()
        if not tok.is_op(op):
            raise self.fail(tok, expected or f"'{op}'")
        return self.advance()

    def expect_ident(self, expected: str) -> Token:
        tok = self.peek()
        if tok.kind != IDENT:
            raise self.fail(tok, expected)
        return self.advance()

    def expect_word(self, word: str, expected: str = "") -> Token:
        tok = self.peek()
        if not tok.is_word(word):
            raise self.fail(tok, expected or f"'{word}'")
        return self.advance()

    def span_from(self, start: Token) -> Span:
        return join(start.span, self.last.span)

    # ------------------------------------------------------------ recovery

    def resync(self, start: int, err_at: int, stop_at_brace: bool, top: bool) -> None:
        """Skip to the end of the construct that began at token `start`: the first newline
        or `;` at bracket depth 0 at or after the error (at top level, only one followed by a
        clause keyword), or a `}` closing the enclosing block."""
        depth = 0
        j = start
        while self.toks[j].kind != EOF:
            tok = self.toks[j]
            if j >= err_at and depth <= 0:
                if tok.kind == NEWLINE or tok.is_op(";"):
                    if not top:
                        break
                    k = j + 1
                    while self.toks[k].kind == NEWLINE:
                        k += 1
                    if self.toks[k].kind == EOF or self.toks[k].text in CLAUSE_WORDS:
                        break
                if stop_at_brace and tok.is_op("}") and depth == 0:
                    break
            if tok.is_op("(", "[", "{"):
                depth += 1
            elif tok.is_op(")", "]", "}"):
                depth -= 1
            j += 1
        self.i = j
        self.nest = 0

    # ------------------------------------------------------------ clauses

    def parse_group(self) -> list[Item]:
        items: list[Item] = []
        while True:
            while self.peek().kind == NEWLINE or self.peek().is_op(";"):
                self.advance()
            if self.peek().kind == EOF:
                return items
            start = self.i
            try:
                items.append(self.clause())
                tok = self.peek()
                if not (tok.kind in (NEWLINE, EOF) or tok.is_op(";")):
                    raise self.fail(tok, "end of clause (a newline or ';')")
            except _Failure:
                self.resync(start, max(self.i, start + 1), stop_at_brace=False, top=True)

    def clause(self) -> Item:
        kw = self.peek()
        if kw.kind == IDENT and kw.text in RESERVED:
            self.errors.append(A.ParseError(kw.span, RESERVED[kw.text]))
            raise _Failure()
        if kw.kind != IDENT or kw.text not in CLAUSE_WORDS:
            close = get_close_matches(kw.text, CLAUSE_WORDS, 1) if kw.kind == IDENT else []
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            listing = ", ".join(sorted(CLAUSE_WORDS))
            raise self.fail(kw, f"an annotation keyword ({listing}){hint}")
        self.advance()
        word = kw.text
        if word == "spec":
            return self.spec(kw)
        if word == "explore":
            return self.explore(kw)
        if word == "implements":
            spec, op = self.qualified_op_name()
            return A.Implements(self.span_from(kw), spec, op)
        if word in ("requires", "ensures", "preserves", "invariant", "crash_inv", "assert"):
            cond = self.expr()
            cls = {
                "requires": A.Requires,
                "ensures": A.Ensures,
                "preserves": A.Preserves,
                "invariant": A.Invariant,
                "crash_inv": A.CrashInv,
                "assert": A.Assert,
            }[word]
            return cls(self.span_from(kw), cond)
        if word == "decreases":
            measure = self.expr()
            return A.Decreases(self.span_from(kw), measure)
        if word == "lock_inv":
            params = self.lock_params()
            cond = self.expr()
            return A.LockInv(self.span_from(kw), params, cond)
        if word == "may_fail":
            disks = [self.expr()]
            while self.peek().is_op(","):
                self.advance()
                disks.append(self.expr())
            return A.MayFail(self.span_from(kw), disks)
        if word == "disk_size":
            size = self.expr()
            return A.DiskSize(self.span_from(kw), size)
        if word == "crash_model":
            tok = self.peek()
            if tok.kind != IDENT or tok.text not in ("host", "process"):
                raise self.fail(tok, "a crash model: host (power loss) or process")
            self.advance()
            return A.CrashModel(self.span_from(kw), tok.text, tok.span)
        if word == "creator_dir":
            dirs = [self.creator_dir()]
            while self.peek().is_op(","):
                self.advance()
                dirs.append(self.creator_dir())
            return A.CreatorDir(self.span_from(kw), dirs)
        if word == "linearizes":
            op = self.op_ref_maybe_paren()
            cond = None
            if self.peek().is_word("if"):
                self.advance()
                cond = self.expr()
            return A.Linearizes(self.span_from(kw), op, cond)
        if word == "linearize":
            return A.Linearize(self.span_from(kw), self.choose_bindings("linearize"))
        if word == "recover":
            return A.RecoverMark(kw.span)
        if word == "init":
            return A.InitMark(kw.span)
        if word == "pure":
            return A.PureMark(kw.span)
        if word in ("ghost", "predicate"):
            return self.ghost_func(kw)
        if word == "helping":
            op = self.op_ref_maybe_paren()
            return A.Helping(self.span_from(kw), op)
        if word == "crash_step":
            return A.CrashStep(self.span_from(kw), self.choose_bindings("crash_step"))
        if word == "internal":
            return A.Internal(self.span_from(kw), self.op_ref_maybe_paren())
        # complete / complete?
        conditional = False
        if self.peek().is_op("?"):
            self.advance()
            conditional = True
        op = self.op_ref_maybe_paren()
        return A.Complete(self.span_from(kw), op, conditional)

    def creator_dir(self) -> str:
        e = self.expr()
        if not isinstance(e, A.LString):
            raise self.fail(self.peek(), "a directory name: a string constant (creator_dir \"spool\")")
        return e.value

    def choose_bindings(self, kw: str) -> list[tuple[str, Span, A.LExpr]]:
        """`k = e, ...` after `crash_step` or `linearize`: values for the step's chooses."""
        binds: list[tuple[str, Span, A.LExpr]] = []
        while self.peek().kind == IDENT:
            name_tok = self.advance()
            if not self.peek().is_op("="):
                raise self.fail(self.peek(), f"'=' ({kw} k = e binds the step's choose k)")
            self.advance()
            binds.append((name_tok.text, name_tok.span, self.expr()))
            if not self.peek().is_op(","):
                break
            self.advance()
        return binds

    def ghost_func(self, kw: Token) -> A.GhostFunc:
        """`ghost func f(x T, ..) R { [decreases m] return e }` or
        `predicate p(x T, ..) { [decreases m] P }`."""
        predicate = kw.text == "predicate"
        if not predicate:
            tok = self.peek()
            if not tok.is_word("func"):
                raise self.fail(tok, "'func' (Armada's ghost code is ghost functions: "
                                "`ghost func f(x T) R { return e }`)")
            self.advance()
        name = self.expect_ident("the function's name")
        self.expect_op("(", "'(' and the parameters")
        self.nest += 1
        params = [] if self.peek().is_op(")") else self.typed_names(")")
        self.expect_op(")", "',' or ')'")
        self.nest -= 1
        result: T.Type = T.BOOL
        if not predicate:
            if self.peek().is_op("{"):
                raise self.fail(self.peek(), "the result type (a ghost function returns one value)")
            result = self.type_()
        measure: list[A.LExpr] = []
        body: list[A.LExpr] = []

        def item() -> None:
            tok = self.peek()
            if tok.is_word("decreases"):
                self.advance()
                measure.append(self.expr())
                return
            if predicate:
                body.append(self.expr())
                return
            if not tok.is_word("return"):
                raise self.fail(tok, "'return e' (a ghost function's body is one expression)")
            self.advance()
            body.append(self.expr())

        self.block(item)
        span = self.span_from(kw)
        what = "predicate" if predicate else "ghost function"
        if len(body) != 1 or len(measure) > 1:
            msg = (f"a {what}'s body is one {'assertion' if predicate else 'return e'}, "
                   "after at most one `decreases m`")
            self.errors.append(A.ParseError(span, msg))
            raise _Failure()
        return A.GhostFunc(span, name.text, name.span, params, result, body[0],
                           measure[0] if measure else None, predicate)

    def qualified_op_name(self) -> tuple[str, str]:
        first = self.expect_ident("an op name ('Spec.Op' or 'Op')")
        if self.peek().is_op("."):
            self.advance()
            second = self.expect_ident("an op name after '.'")
            return first.text, second.text
        return "", first.text

    def op_ref_maybe_paren(self) -> A.OpRef:
        if self.peek().is_op("("):
            self.advance()
            self.nest += 1
            op = self.op_ref()
            self.expect_op(")")
            self.nest -= 1
            return op
        return self.op_ref()

    def op_ref(self) -> A.OpRef:
        start = self.peek()
        spec, op = self.qualified_op_name()
        self.expect_op("(", "'(' and the op's arguments")
        args = self.args_after_paren()
        return A.OpRef(self.span_from(start), spec, op, args)

    def args_after_paren(self) -> list[A.LExpr]:
        """Arguments up to and including the closing ')' (the '(' is consumed)."""
        return self.call_args(spread_ok=False)[0]

    def call_args(self, spread_ok: bool) -> tuple[list[A.LExpr], bool]:
        """Arguments up to and including the closing ')', and whether the last one is
        spread (`append(l, m...)`, only where spread_ok)."""
        self.nest += 1
        args: list[A.LExpr] = []
        spread = False
        if not self.peek().is_op(")"):
            while True:
                args.append(self.expr())
                if spread_ok and self.peek().is_op("..."):
                    self.advance()
                    spread = True
                    break
                if self.peek().is_op(","):
                    self.advance()
                    continue
                break
        tok = self.peek()
        if not tok.is_op(")"):
            raise self.fail(tok, "')' after a spread argument" if spread else "',' or ')'")
        self.nest -= 1
        self.advance()
        return args, spread

    def lock_params(self) -> list[str]:
        """`lock_inv(a, b) P`: the parenthesised names are parameters only when an
        assertion follows them; `lock_inv (x) && y` is an assertion."""
        if not self.peek().is_op("("):
            return []
        j = self.i + 1
        names: list[str] = []
        if self.toks[j].is_op(")"):
            j += 1
        else:
            while self.toks[j].kind == IDENT:
                names.append(self.toks[j].text)
                j += 1
                if self.toks[j].is_op(","):
                    j += 1
                    continue
                break
            if not self.toks[j].is_op(")"):
                return []
            j += 1
        after = self.toks[j]
        if after.kind in (NEWLINE, EOF) or after.is_op(";", "?", ":", *BINARY_PREC):
            return []
        self.i = j
        self.last = self.toks[j - 1]
        return names

    # ------------------------------------------------------------ types

    def type_(self) -> T.Type:
        tok = self.peek()
        if tok.is_op("["):
            self.advance()
            self.expect_op("]", "']' (fixed-size arrays are not part of Goose)")
            return T.Slice(self.type_())
        if tok.is_op("*"):
            self.advance()
            return T.Pointer(self.type_())
        if tok.is_word("map"):
            self.advance()
            self.expect_op("[", "'[' after map")
            key = self.type_()
            self.expect_op("]")
            return T.Map(key, self.type_())
        if tok.kind != IDENT:
            raise self.fail(tok, "a type")
        self.advance()
        if self.peek().is_op("."):
            self.advance()
            name = self.expect_ident("a type name after '.'")
            return T.Named(tok.text, name.text)
        return BASIC_TYPES.get(tok.text) or T.Named("", tok.text)

    def typed_names(self, stop: str) -> list[tuple[str, T.Type]]:
        """Go-style parameter list `a, b uint64, c T` up to (not including) `stop`."""
        out: list[tuple[str, T.Type]] = []
        pending: list[str] = []
        while True:
            name = self.expect_ident("a variable name")
            pending.append(name.text)
            if self.peek().is_op(","):
                self.advance()
                continue
            if self.peek().is_op(stop):
                raise self.fail(self.peek(), f"a type for '{name.text}'")
            typ = self.type_()
            out.extend((n, typ) for n in pending)
            pending = []
            if self.peek().is_op(","):
                self.advance()
                continue
            return out

    # ------------------------------------------------------------ expressions

    def expr(self) -> A.LExpr:
        cond = self.binary(1)
        if self.continues("?"):
            self.skip_newlines()
            self.advance()
            self.nest += 1
            then = self.expr()
            self.expect_op(":", "':' of a conditional expression")
            self.nest -= 1
            els = self.expr()
            return A.LCond(join(cond.span, els.span), cond, then, els)
        return cond

    def continues(self, *ops: str) -> bool:
        """Is the next token (possibly on the next line) one of these operators?"""
        return self.peek_past_newlines().is_op(*ops)

    def binary(self, min_prec: int) -> A.LExpr:
        x = self.unary()
        while True:
            tok = self.peek_past_newlines()
            prec = BINARY_PREC.get(tok.text, 0) if tok.kind == OP else 0
            if prec < min_prec:
                return x
            self.skip_newlines()
            self.advance()
            # `==>` is right-associative: its right side may hold another `==>`.
            y = self.binary(prec if tok.text == "==>" else prec + 1)
            x = A.LBinary(join(x.span, y.span), tok.text, x, y)

    def unary(self) -> A.LExpr:
        # An operand may be on the next line, unless that line starts a new clause: then
        # the expression is unfinished, and the error belongs at the end of this line.
        if self.peek().kind == NEWLINE and self.peek_past_newlines().text in LINE_STARTERS:
            raise self.fail(self.peek(), "an expression")
        self.skip_newlines()
        tok = self.peek()
        if tok.kind == OP and tok.text in UNARY_OPS:
            self.advance()
            x = self.unary()
            return A.LUnary(join(tok.span, x.span), tok.text, x)
        return self.postfix(self.primary())

    def postfix(self, x: A.LExpr) -> A.LExpr:
        while True:
            tok = self.peek()
            if tok.is_op("."):
                self.advance()
                name = self.expect_ident("a field or name after '.'")
                x = A.LSelector(join(x.span, name.span), x, name.text)
            elif tok.is_op("["):
                self.advance()
                self.nest += 1
                index = None if self.peek().is_op(":") else self.expr()
                if self.peek().is_op(":"):  # x[lo:hi]
                    self.advance()
                    hi = None if self.peek().is_op("]") else self.expr()
                    self.expect_op("]")
                    self.nest -= 1
                    x = A.LSlice(join(x.span, self.last.span), x, index, hi)
                    continue
                if index is None:
                    raise self.fail(self.peek(), "an index")
                self.expect_op("]")
                self.nest -= 1
                x = A.LIndex(join(x.span, self.last.span), x, index)
            elif tok.is_op("(") and isinstance(x, A.LSelector) and isinstance(x.x, A.LName):
                # pkg.Func(args): a machine-library function usable in assertions
                self.advance()
                args = self.args_after_paren()
                x = A.LCall(join(x.span, self.last.span), f"{x.x.name}.{x.name}", args)
            elif tok.is_op("("):
                raise self.fail(
                    tok,
                    "an operator: only built-in predicates are called in assertions "
                    "(write a spec op as helping(Spec.Op(..)))",
                )
            else:
                return x

    def primary(self) -> A.LExpr:
        tok = self.peek()
        if tok.kind == INT:
            self.advance()
            return A.LInt(tok.span, int(tok.value or 0))
        if tok.kind == STRING:
            self.advance()
            return A.LString(tok.span, str(tok.value))
        if tok.is_op("("):
            self.advance()
            self.nest += 1
            saved, self.no_literal = self.no_literal, False
            x = self.expr()
            self.no_literal = saved
            self.expect_op(")", "')'")
            self.nest -= 1
            return x
        if tok.is_op("[") and self.toks[self.i + 1].is_op("]"):
            return self.list_literal()
        if tok.kind == IDENT and tok.text == "map" and self.toks[self.i + 1].is_op("["):
            return self.empty_map()
        if tok.kind != IDENT:
            raise self.fail(tok, "an expression")
        self.advance()
        word = tok.text
        if word in ("true", "false"):
            return A.LBool(tok.span, word == "true")
        if word == "gen":
            return A.LGen(tok.span)
        if word in ("forall", "exists"):
            binders = self.typed_names("::")
            self.expect_op("::", "'::' after the quantified variables")
            body = self.expr()
            return A.LQuant(join(tok.span, body.span), word, binders, body)
        if self.struct_literal_follows():
            return self.struct_literal(tok)
        if not self.peek().is_op("("):
            return A.LName(tok.span, word)
        self.advance()
        if word == "old":
            self.nest += 1
            x = self.expr()
            self.expect_op(")", "')' closing old(")
            self.nest -= 1
            return A.LOld(self.span_from(tok), x)
        if word == "helping":
            self.nest += 1
            op = self.op_ref()
            self.expect_op(")", "')' closing helping(")
            self.nest -= 1
            return A.LHelping(self.span_from(tok), op)
        if word == "lease":
            self.nest += 1
            loc = self.expr()
            lower: A.LExpr | None = None
            if self.peek().is_op(","):
                self.advance()
                self.expect_op(">=", "'>=' of a lower-bound lease (lease(dir, >= n))")
                lower = self.expr()
            self.expect_op(")", "')' closing lease(")
            self.nest -= 1
            return A.LLease(self.span_from(tok), loc, lower)
        args, spread = self.call_args(spread_ok=True)
        return A.LCall(self.span_from(tok), word, args, spread=spread)

    def struct_literal_follows(self) -> bool:
        """`Name{}` or `Name{field: ...`: a struct literal (keyed fields only, so it cannot be
        mistaken for a block whose first statement is `x = ...`). As in Go, not in an `if`
        condition unless parenthesised (`if c {}` is a condition and an empty block)."""
        if self.no_literal or not self.peek().is_op("{"):
            return False
        j = self.i
        while self.toks[j].kind == NEWLINE:
            j += 1
        j += 1
        while self.toks[j].kind == NEWLINE:
            j += 1
        nxt = self.toks[j]
        if nxt.is_op("}"):
            return True
        return nxt.kind == IDENT and self.toks[j + 1].is_op(":")

    def struct_literal(self, name: Token) -> A.LStruct:
        self.advance()  # {
        self.nest += 1
        saved, self.no_literal = self.no_literal, False
        fields: list[tuple[str, Span, A.LExpr]] = []
        while not self.peek().is_op("}"):
            f = self.expect_ident("a field name (struct literals name their fields: T{f: e})")
            self.expect_op(":", "':' after the field name")
            fields.append((f.text, f.span, self.expr()))
            if not self.peek().is_op(","):
                break
            self.advance()
        self.expect_op("}", "',' or '}' closing the struct literal")
        self.no_literal = saved
        self.nest -= 1
        return A.LStruct(self.span_from(name), name.text, fields)

    def empty_map(self) -> A.LEmptyMap:
        """`map[K]V{}`: only the empty map (a spec step resets a field with it)."""
        start = self.peek()
        t = self.type_()
        self.expect_op("{", "'{' after the map's type (map[K]V{})")
        if not self.peek().is_op("}"):
            raise self.fail(self.peek(), "'}': only the empty map literal map[K]V{} is "
                            "supported (add keys with m[k] = v)")
        self.advance()
        return A.LEmptyMap(self.span_from(start), t)

    def list_literal(self) -> A.LList:
        """`[]T{a, b}` (T not byte: a byte slice is a block, with its own functions)."""
        start = self.peek()
        t = self.type_()
        assert isinstance(t, T.Slice)
        self.expect_op("{", "'{' after the list's type ([]T{a, b})")
        self.nest += 1
        saved, self.no_literal = self.no_literal, False
        elems = self.args_until("}")
        self.no_literal = saved
        self.nest -= 1
        return A.LList(self.span_from(start), t.elem, elems)

    # ------------------------------------------------------------ blocks

    def block(self, item: Callable[[], _T | None]) -> list[_T]:
        """`{ item; item \\n item }`: each item parsed by `item()`; errors recover per item."""
        self.expect_op("{", "'{'")
        saved, self.nest = self.nest, 0
        out: list[_T] = []
        while True:
            while self.peek().kind == NEWLINE or self.peek().is_op(";"):
                self.advance()
            tok = self.peek()
            if tok.is_op("}"):
                self.advance()
                break
            if tok.kind == EOF:
                self.nest = saved
                raise self.fail(tok, "'}'")
            start = self.i
            try:
                got = item()
                if got is not None:
                    out.append(got)
                nxt = self.peek()
                if not (nxt.kind == NEWLINE or nxt.is_op(";", "}")):
                    raise self.fail(nxt, "a newline, ';' or '}'")
            except _Failure:
                self.resync(start, max(self.i, start + 1), stop_at_brace=True, top=False)
        self.nest = saved
        return out

    # ------------------------------------------------------------ spec

    def spec(self, kw: Token) -> A.SpecDecl:
        name = self.expect_ident("the spec's name")
        decl = A.SpecDecl(name.text, [], [], [], [], kw.span)

        def item() -> None:
            tok = self.peek()
            if tok.is_word("state"):
                self.advance()
                while True:
                    fname = self.expect_ident("a state field name")
                    if self.peek().is_op(":"):
                        self.advance()
                    typ = self.type_()
                    decl.state.append(A.StateField(fname.text, typ, self.span_from(fname)))
                    if not self.peek().is_op(","):
                        return
                    self.advance()
            if tok.is_word("op", "internal"):
                self.advance()
                (decl.ops if tok.text == "op" else decl.internal).append(self.op_decl(tok))
                return
            if tok.is_word("crash", "init"):
                self.advance()
                body = self.block(self.spec_stmt)
                if tok.text == "crash":
                    decl.crash = body
                else:
                    decl.init = body
                return
            raise self.fail(tok, "'state', 'op', 'internal', 'crash' or 'init' in a spec")

        self.block(item)
        decl.span = self.span_from(kw)
        return decl

    def op_decl(self, kw: Token) -> A.OpDecl:
        name = self.expect_ident("the op's name")
        self.expect_op("(", "'(' and the op's parameters")
        self.nest += 1
        params = [] if self.peek().is_op(")") else self.typed_names(")")
        self.expect_op(")", "',' or ')'")
        self.nest -= 1
        result: T.Type | None = None
        if not self.peek().is_op("{"):
            if self.peek().is_op("("):
                self.advance()
                result = self.type_()
                self.expect_op(")", "')' (an op returns at most one value)")
            else:
                result = self.type_()
        body = self.block(self.spec_stmt)
        return A.OpDecl(name.text, params, result, body, self.span_from(kw))

    def spec_stmt(self) -> A.SpecStmt:
        tok = self.peek()
        if tok.is_word("return"):
            self.advance()
            nxt = self.peek()
            if nxt.kind in (NEWLINE, EOF) or nxt.is_op(";", "}"):
                return A.SReturn(tok.span, None)
            value = self.expr()
            return A.SReturn(join(tok.span, value.span), value)
        if tok.is_word("if"):
            return self.spec_if()
        if tok.is_word("require"):
            self.advance()
            cond = self.expr()
            return A.SRequire(join(tok.span, cond.span), cond)
        if tok.is_word("delete"):
            self.advance()
            self.expect_op("(", "'(' after delete")
            args = self.args_after_paren()
            if len(args) != 2:
                self.errors.append(
                    A.ParseError(self.span_from(tok), "delete takes a map and a key: delete(m, k)")
                )
                raise _Failure()
            return A.SDelete(self.span_from(tok), args[0], args[1])
        if tok.is_word("choose"):
            self.advance()
            name = self.expect_ident("the chosen variable's name")
            typ = self.type_()
            cond: A.LExpr | None = None
            if self.peek().is_word("such"):
                self.advance()
                self.expect_word("that", "'that' (choose x T such that e)")
                cond = self.expr()
            return A.SChoose(self.span_from(tok), name.text, typ, cond)
        target = self.unary()
        if not self.peek().is_op("="):
            raise self.fail(
                self.peek(),
                "'=' (a spec statement is an assignment, return, if, require, delete or choose)",
            )
        self.advance()
        value = self.expr()
        return A.SAssign(join(target.span, value.span), target, value)

    def spec_if(self) -> A.SIf:
        kw = self.advance()
        self.no_literal = True
        try:
            cond = self.expr()
        finally:
            self.no_literal = False
        then = self.block(self.spec_stmt)
        els: list[A.SpecStmt] = []
        if self.peek().is_word("else"):
            self.advance()
            els = [self.spec_if()] if self.peek().is_word("if") else self.block(self.spec_stmt)
        return A.SIf(self.span_from(kw), cond, then, els)

    # ------------------------------------------------------------ explore

    def explore(self, kw: Token) -> A.ExploreDecl:
        decl = A.ExploreDecl(kw.span)

        def op_item() -> A.OpRef:
            return self.op_ref()

        def item() -> None:
            tok = self.expect_ident("'domain', 'thread', 'after_crash', 'recover_args' or a bound "
                                    "(goroutines 2)")
            if tok.text == "domain":
                typ = self.type_()
                self.expect_op("=", "'=' and the domain's values")
                self.expect_op("{", "'{'")
                values = self.args_until("}")
                decl.domains[str(typ)] = values
            elif tok.text == "thread":
                decl.threads.append(self.block(op_item))
            elif tok.text == "after_crash":
                decl.after_crash = self.block(op_item)
            elif tok.text == "recover_args":
                self.expect_op("(", "'(' and the arguments recovery is called with")
                decl.recover_args = self.args_until(")")
            else:
                num = self.peek()
                if num.kind != INT:
                    raise self.fail(num, f"a number after '{tok.text}'")
                self.advance()
                decl.bounds[tok.text] = int(num.value or 0)

        self.block(item)
        decl.span = self.span_from(kw)
        return decl

    def args_until(self, close: str) -> list[A.LExpr]:
        self.nest += 1
        out: list[A.LExpr] = []
        while not self.peek().is_op(close):
            out.append(self.expr())
            if not self.peek().is_op(","):
                break
            self.advance()
        self.expect_op(close, f"',' or '{close}'")
        self.nest -= 1
        return out


def parse_lines(lines: list[AnnotationLine]) -> tuple[list[Item], list[A.ParseError]]:
    """Parse the clauses of one annotation group's lines."""
    p = Parser(lex(lines))
    items = p.parse_group()
    return items, p.errors


def parse_group(group: AnnotationGroup) -> tuple[list[Item], list[A.ParseError]]:
    return parse_lines(group.lines)


def lines_of(text: str, line: int = 0, col: int = 0, byte: int = 0) -> list[AnnotationLine]:
    """Annotation lines for `text` as if each line's text started at `col` of consecutive
    file lines from `line` (for tests, hover and the command line)."""
    out: list[AnnotationLine] = []
    for k, part in enumerate(text.split("\n")):
        out.append(AnnotationLine(part, Pos(line + k, col), byte))
        byte += len(part.encode("utf-8")) + 1
    return out


def parse_text(text: str, line: int = 0, col: int = 0) -> tuple[list[Item], list[A.ParseError]]:
    return parse_lines(lines_of(text, line, col))


def parse_expr(text: str, line: int = 0, col: int = 0) -> tuple[A.LExpr | None, list[A.ParseError]]:
    """Parse a single assertion (e.g. typed into a hover or a command line)."""
    p = Parser(lex(lines_of(text, line, col)))
    try:
        x = p.expr()
        p.skip_newlines()
        if p.peek().kind != EOF:
            raise p.fail(p.peek(), "end of expression")
        return x, p.errors
    except _Failure:
        return None, p.errors
