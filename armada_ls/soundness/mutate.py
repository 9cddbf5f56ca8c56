"""Mechanical mutants of annotated Go packages, from the source text and its tree-sitter CST.

Every operator walks the CST of one file and proposes text edits; nothing here knows a
particular proof. A mutant is the whole package with one file rewritten, a stable id
(`<package>/<operator>@L<line>[.<n>]`), a one-line description and a unified diff.
Generation is exhaustive and deterministic; `sample` picks a seeded subset.

Operators (see docs/soundness.md):
  code:        swap-disk, drop-stmt, drop-lock, drop-unlock, move-stmt, move-lock,
               move-unlock, dup-stmt, dup-lock, dup-unlock, insert-break, negate-cond, bound,
               index, short-block, const, alias-unlock, helper-unlock, fresh-struct, fresh-ctor
  annotation:  drop-clause, drop-ghost, drop-conjunct, ann-bound, clause-true, clause-false,
               clause-false+drop-init, move-ghost, requires-false
  compound:    requires-false+<code operator> (a vacuous contract over broken code)
"""

from __future__ import annotations

import difflib
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import tree_sitter as ts

from goose.cst import statements
from goose.source import new_parser

Edit = tuple[int, int, bytes]  # byte range of the original and its replacement

# Clause words whose body is a boolean formula (drop a conjunct, replace by `true`).
FORMULA_CLAUSES = ("requires", "ensures", "invariant", "crash_inv", "lock_inv", "preserves")
# Clauses a mutant may drop (never the spec, the harness or what marks an entry point:
# those define what is checked, not how it is proved).
DROPPABLE = FORMULA_CLAUSES + ("decreases", "linearize", "helping", "complete", "assert")
GHOSTS = ("linearize", "helping", "complete")
STRENGTHEN = ("crash_inv", "lock_inv")  # clause-false: an invariant that cannot hold
CLAUSE_START = re.compile(r"^\s*([a-z_]+)\b")
LINE_ANN = re.compile(rb"^//\s?@")

KIND_CODE = "code"
KIND_ANNOTATION = "annotation"
KIND_BOTH = "both"


@dataclass(frozen=True)
class Mutant:
    id: str
    package: str  # the package directory
    file: str  # file name inside the package
    operator: str
    kind: str  # code | annotation | both: which of the two the mutant changes
    description: str
    original: str
    mutated: str

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.original.splitlines(keepends=True), self.mutated.splitlines(keepends=True),
            f"a/{self.display}/{self.file}", f"b/{self.display}/{self.file}", n=1))

    @property
    def display(self) -> str:
        return os.path.relpath(self.package) if os.path.isabs(self.package) else self.package

    def write(self, directory: str) -> str:
        """Write the mutated package (every non-test Go file) into `directory`; return it."""
        os.makedirs(directory, exist_ok=True)
        for name in package_files(self.package):
            with open(os.path.join(self.package, name), encoding="utf-8") as f:
                text = f.read()
            if name == self.file:
                text = self.mutated
            with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
                f.write(text)
        return directory


@dataclass
class _Proposal:
    operator: str
    line: int  # 1-based line the edit is about
    description: str
    edits: list[Edit]
    kind: str = KIND_CODE


@dataclass
class _File:
    name: str
    data: bytes
    root: ts.Node
    funcs: list[ts.Node] = field(default_factory=list)

    def text(self, node: ts.Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8")

    def line_of(self, node: ts.Node) -> int:
        return node.start_point[0] + 1

    def whole_lines(self, node: ts.Node) -> tuple[int, int] | None:
        """Byte range of the lines `node` occupies, with its trailing comment, if nothing
        else shares them (so the node can be cut or moved as lines)."""
        s = self.data.rfind(b"\n", 0, node.start_byte) + 1
        if self.data[s:node.start_byte].strip():
            return None
        e = self.data.find(b"\n", node.end_byte)
        e = len(self.data) if e < 0 else e + 1
        rest = self.data[node.end_byte:e].strip()
        if rest and not rest.startswith(b"//"):
            return None
        return s, e


def package_files(directory: str) -> list[str]:
    return sorted(n for n in os.listdir(directory) if n.endswith(".go") and not n.endswith("_test.go"))


def _walk(node: ts.Node) -> Iterator[ts.Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def _body_blocks(fn: ts.Node) -> Iterator[ts.Node]:
    body = fn.child_by_field_name("body")
    if body is None:
        return
    for n in _walk(body):
        if n.type == "block":
            yield n


def _func_name(f: _File, fn: ts.Node) -> str:
    name = fn.child_by_field_name("name")
    return f.text(name) if name is not None else "?"


def _call_method(f: _File, stmt: ts.Node) -> tuple[str, ts.Node] | None:
    """For `X.M()` as an expression statement: (M, X)."""
    if stmt.type != "expression_statement" or not stmt.named_children:
        return None
    call = stmt.named_children[0]
    if call.type != "call_expression":
        return None
    fun = call.child_by_field_name("function")
    if fun is None or fun.type != "selector_expression":
        return None
    operand, fld = fun.child_by_field_name("operand"), fun.child_by_field_name("field")
    if operand is None or fld is None:
        return None
    return f.text(fld), operand


def _lock_kind(f: _File, stmt: ts.Node) -> str:
    cm = _call_method(f, stmt)
    if cm and cm[0] in ("Lock", "Unlock"):
        return cm[0].lower()
    return "stmt"


# ------------------------------------------------------------------ code operators


def op_swap_disk(f: _File) -> Iterator[_Proposal]:
    swap = {"Disk1": "Disk2", "Disk2": "Disk1"}
    for fn in f.funcs:
        for n in _walk(fn):
            if n.type == "selector_expression" and f.text(n) in ("twodisk.Disk1", "twodisk.Disk2"):
                fld = n.child_by_field_name("field")
                assert fld is not None
                new = swap[f.text(fld)]
                yield _Proposal("swap-disk", f.line_of(n), f"{_func_name(f, fn)}: {f.text(n)} -> twodisk.{new}",
                                [(fld.start_byte, fld.end_byte, new.encode())])


def op_drop_stmt(f: _File) -> Iterator[_Proposal]:
    for fn in f.funcs:
        for block in _body_blocks(fn):
            for st in statements(block):
                rng = f.whole_lines(st)
                if rng is None:
                    continue
                kind = _lock_kind(f, st)
                op = {"lock": "drop-lock", "unlock": "drop-unlock"}.get(kind, "drop-stmt")
                yield _Proposal(op, f.line_of(st), f"{_func_name(f, fn)}: drop `{_first_line(f.text(st))}`",
                                [(rng[0], rng[1], b"")])


def _first_line(s: str) -> str:
    line = s.splitlines()[0] if s else s
    return line if len(line) <= 60 else line[:57] + "..."


def _move(f: _File, a: ts.Node, b: ts.Node) -> list[Edit] | None:
    """Swap the lines of two statements of one block (a before b)."""
    ra, rb = f.whole_lines(a), f.whole_lines(b)
    if ra is None or rb is None or ra[1] > rb[0]:
        return None
    return [(ra[0], ra[1], f.data[rb[0]:rb[1]]), (rb[0], rb[1], f.data[ra[0]:ra[1]])]


def op_move_stmt(f: _File) -> Iterator[_Proposal]:
    """Swap a statement with the one after it (one move down is the other's move up); a lock
    or unlock also moves two places, past a pair of statements."""
    for fn in f.funcs:
        for block in _body_blocks(fn):
            sts = statements(block)
            for i, st in enumerate(sts):
                kind = _lock_kind(f, st)
                op = {"lock": "move-lock", "unlock": "move-unlock"}.get(kind, "move-stmt")
                for d in ((1, 2) if kind != "stmt" else (1,)):
                    for j in (i - d, i + d):
                        if not 0 <= j < len(sts) or (kind == "stmt" and (j < i or _lock_kind(f, sts[j]) != "stmt")):
                            continue  # a swap is proposed once: by the lock or unlock, or by the upper one
                        if d == 2:
                            edits = _move_over(f, st, sts[min(i, j):max(i, j) + 1], up=j < i)
                        else:
                            edits = _move(f, *(sorted((st, sts[j]), key=lambda n: n.start_byte)))
                        if edits is None:
                            continue
                        where = "up" if j < i else "down"
                        yield _Proposal(op, f.line_of(st),
                                        f"{_func_name(f, fn)}: move `{_first_line(f.text(st))}` {where} {d}", edits)


def _move_over(f: _File, st: ts.Node, run: list[ts.Node], up: bool) -> list[Edit] | None:
    ranges = [f.whole_lines(n) for n in run]
    if any(r is None for r in ranges):
        return None
    rs = [r for r in ranges if r is not None]
    if any(rs[k][1] != rs[k + 1][0] for k in range(len(rs) - 1)):
        return None  # something (a comment, a blank line) sits between them: keep it simple
    me = f.data[rs[-1][0]:rs[-1][1]] if up else f.data[rs[0][0]:rs[0][1]]
    others = b"".join(f.data[r[0]:r[1]] for r in (rs[:-1] if up else rs[1:]))
    return [(rs[0][0], rs[-1][1], me + others if up else others + me)]


def op_dup_stmt(f: _File) -> Iterator[_Proposal]:
    """A statement run twice (a second Lock or Unlock, a repeated write); declarations
    (`:=`) are skipped: the copy would not compile."""
    for fn in f.funcs:
        for block in _body_blocks(fn):
            for st in statements(block):
                if st.type in ("short_var_declaration", "var_declaration", "return_statement"):
                    continue
                rng = f.whole_lines(st)
                if rng is None:
                    continue
                kind = _lock_kind(f, st)
                op = {"lock": "dup-lock", "unlock": "dup-unlock"}.get(kind, "dup-stmt")
                yield _Proposal(op, f.line_of(st), f"{_func_name(f, fn)}: `{_first_line(f.text(st))}` twice",
                                [(rng[1], rng[1], f.data[rng[0]:rng[1]])])


def op_insert_break(f: _File) -> Iterator[_Proposal]:
    """A loop that stops after its first iteration: `break` at the end of its body."""
    for fn in f.funcs:
        for n in _walk(fn):
            if n.type != "for_statement":
                continue
            body = n.child_by_field_name("body")
            if body is None:
                continue
            sts = statements(body)
            if not sts or f.whole_lines(sts[-1]) is None:
                continue
            last = sts[-1]
            rng = f.whole_lines(last)
            assert rng is not None
            yield _Proposal("insert-break", f.line_of(n), f"{_func_name(f, fn)}: the loop at line {f.line_of(n)} stops after one iteration",
                            [(rng[1], rng[1], _indent(f, last) + b"break\n")])


def op_negate_cond(f: _File) -> Iterator[_Proposal]:
    for fn in f.funcs:
        for n in _walk(fn):
            if n.type == "if_statement":
                c = n.child_by_field_name("condition")
                if c is not None:
                    yield _Proposal("negate-cond", f.line_of(c), f"{_func_name(f, fn)}: if {f.text(c)} -> if !({f.text(c)})",
                                    [(c.start_byte, c.end_byte, f"!({f.text(c)})".encode())])


_FLIP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}


def op_bound(f: _File) -> Iterator[_Proposal]:
    for fn in f.funcs:
        for n in _walk(fn):
            if n.type != "binary_expression":
                continue
            o = n.child_by_field_name("operator")
            if o is None or f.text(o) not in _FLIP:
                continue
            new = _FLIP[f.text(o)]
            yield _Proposal("bound", f.line_of(n), f"{_func_name(f, fn)}: {f.text(n)} -> {f.text(n).replace(f.text(o), new, 1)}",
                            [(o.start_byte, o.end_byte, new.encode())])


def op_index(f: _File) -> Iterator[_Proposal]:
    """An index, or a disk address argument, off by one."""
    for fn in f.funcs:
        for n in _walk(fn):
            targets: list[ts.Node] = []
            if n.type == "index_expression":
                i = n.child_by_field_name("index")
                if i is not None:
                    targets.append(i)
            elif n.type == "call_expression":
                fun = n.child_by_field_name("function")
                args = n.child_by_field_name("arguments")
                if fun is not None and args is not None and re.fullmatch(r"(twodisk|disk)\.(Read|Write)", f.text(fun)):
                    named = [a for a in args.named_children if a.type != "comment"]
                    addr = 1 if f.text(fun).startswith("twodisk") else 0
                    if len(named) > addr:
                        targets.append(named[addr])
            for t in targets:
                for delta in ("+1", "-1") if t.type != "int_literal" else ("+1",):
                    yield _Proposal("index", f.line_of(t), f"{_func_name(f, fn)}: index {f.text(t)} -> ({f.text(t)}){delta}",
                                    [(t.start_byte, t.end_byte, f"({f.text(t)}){delta}".encode())])


def op_short_block(f: _File) -> Iterator[_Proposal]:
    """The block argument of a disk write one byte short: `v` -> `v[1:]` (the machine
    library panics on a block of the wrong length)."""
    for fn in f.funcs:
        for n in _walk(fn):
            if n.type != "call_expression":
                continue
            fun, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
            if fun is None or args is None or not re.fullmatch(r"(twodisk|disk)\.Write", f.text(fun)):
                continue
            named = [a for a in args.named_children if a.type != "comment"]
            if named:
                b = named[-1]
                yield _Proposal("short-block", f.line_of(b), f"{_func_name(f, fn)}: write {f.text(b)}[1:] instead of {f.text(b)}",
                                [(b.start_byte, b.end_byte, f"{f.text(b)}[1:]".encode())])


def op_const(f: _File) -> Iterator[_Proposal]:
    """An integer constant (a declared constant or a literal in code) N -> N-1 and N+1."""
    roots: list[tuple[str, ts.Node]] = [("const", c) for c in f.root.children if c.type == "const_declaration"]
    roots += [(_func_name(f, fn), fn) for fn in f.funcs]
    for where, r in roots:
        for n in _walk(r):
            if n.type != "int_literal":
                continue
            try:
                v = int(f.text(n), 0)
            except ValueError:
                continue
            for new in (v - 1, v + 1):
                if new < 0:
                    continue
                yield _Proposal("const", f.line_of(n), f"{where}: constant {v} -> {new}", [(n.start_byte, n.end_byte, str(new).encode())])


def _unlocks(f: _File, fn: ts.Node) -> Iterator[tuple[ts.Node, ts.Node, list[ts.Node], int]]:
    """Every `X.Unlock()` statement: (statement, X, its block's statements, its index)."""
    for block in _body_blocks(fn):
        sts = statements(block)
        for i, st in enumerate(sts):
            cm = _call_method(f, st)
            if cm and cm[0] == "Unlock":
                yield st, cm[1], sts, i


def _earlier_slots(f: _File, sts: list[ts.Node], i: int) -> list[int]:
    """Indexes k < i where an unlock at i may be moved to, not before its block's lock."""
    lo = 0
    for k in range(i - 1, -1, -1):
        if _lock_kind(f, sts[k]) == "lock":
            lo = k + 1
            break
    return list(range(lo, i))


def _indent(f: _File, st: ts.Node) -> bytes:
    s = f.data.rfind(b"\n", 0, st.start_byte) + 1
    return f.data[s:st.start_byte]


def _relocated_unlock(f: _File, st: ts.Node, sts: list[ts.Node], i: int, k: int | None, new_text: str) -> list[Edit] | None:
    """Replace the unlock at sts[i] by new_text (lines), placed at slot k (None: in place)."""
    rng = f.whole_lines(st)
    if rng is None:
        return None
    ind = _indent(f, st)
    lines = b"".join(ind + line.encode() + b"\n" for line in new_text.splitlines())
    if k is None:
        return [(rng[0], rng[1], lines)]
    target = f.whole_lines(sts[k])
    if target is None:
        return None
    return [(target[0], target[0], lines), (rng[0], rng[1], b"")]


def op_alias_unlock(f: _File) -> Iterator[_Proposal]:
    """`X.Unlock()` -> `m := X; m.Unlock()`, in place (equivalent) and moved earlier."""
    for fn in f.funcs:
        for st, x, sts, i in _unlocks(f, fn):
            m = f"smu{f.line_of(st)}"
            new = f"{m} := {f.text(x)}\n{m}.Unlock()"
            for k in [None, *_earlier_slots(f, sts, i)]:
                edits = _relocated_unlock(f, st, sts, i, k, new)
                if edits is not None:
                    where = "in place" if k is None else f"moved up before line {f.line_of(sts[k])}"
                    yield _Proposal("alias-unlock", f.line_of(st), f"{_func_name(f, fn)}: unlock {f.text(x)} through an alias, {where}", edits)


HELPER = "\n// soundnessRelease unlocks m (a mutant's helper).\nfunc soundnessRelease(m *sync.Mutex) {\n\tm.Unlock()\n}\n"


def op_helper_unlock(f: _File) -> Iterator[_Proposal]:
    """`X.Unlock()` -> `soundnessRelease(X)`, a helper that unlocks its argument."""
    if b'"sync"' not in f.data:
        return
    for fn in f.funcs:
        for st, x, sts, i in _unlocks(f, fn):
            for k in [None, *_earlier_slots(f, sts, i)]:
                edits = _relocated_unlock(f, st, sts, i, k, f"soundnessRelease({f.text(x)})")
                if edits is not None:
                    where = "in place" if k is None else f"moved up before line {f.line_of(sts[k])}"
                    yield _Proposal("helper-unlock", f.line_of(st), f"{_func_name(f, fn)}: unlock {f.text(x)} in a helper, {where}",
                                    edits + [(len(f.data), len(f.data), HELPER.encode())])


def _struct_fields(f: _File) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for n in _walk(f.root):
        if n.type == "type_spec":
            name, ty = n.child_by_field_name("name"), n.child_by_field_name("type")
            if name is None or ty is None or ty.type != "struct_type":
                continue
            fields: dict[str, str] = {}
            for fd in _walk(ty):
                if fd.type == "field_declaration":
                    t = fd.child_by_field_name("type")
                    for nm in fd.children_by_field_name("name"):
                        fields[f.text(nm)] = f.text(t) if t is not None else ""
            out[f.text(name)] = fields
    return out


def op_fresh_struct(f: _File) -> Iterator[_Proposal]:
    """Lock (and unlock) the mutex of a freshly built struct instead of the receiver's."""
    structs = _struct_fields(f)
    for fn in f.funcs:
        recv = fn.child_by_field_name("receiver")
        if recv is None:
            continue
        m = re.search(r"\(\s*(\w+)\s+\*\s*(\w+)\s*\)", f.text(recv))
        if m is None or m.group(2) not in structs:
            continue
        r, sname = m.group(1), m.group(2)
        for block in _body_blocks(fn):
            for st in statements(block):
                cm = _call_method(f, st)
                if cm is None or cm[0] != "Lock":
                    continue
                lm = re.fullmatch(rf"{r}\.(\w+)(\[(.+)\])?", f.text(cm[1]))
                if lm is None or lm.group(1) not in structs[sname]:
                    continue
                fld, idx = lm.group(1), lm.group(3)
                ftype = structs[sname][fld]
                if idx is None and ftype == "*sync.Mutex":
                    build = f"fresh := &{sname}{{{fld}: new(sync.Mutex)}}"
                elif idx is not None and ftype == "[]*sync.Mutex":
                    build = (f"flocks := make([]*sync.Mutex, ({idx})+1)\nflocks[{idx}] = new(sync.Mutex)\n"
                             f"fresh := &{sname}{{{fld}: flocks}}")
                else:
                    continue
                rng = f.whole_lines(st)
                if rng is None:
                    continue
                old = f.text(cm[1])
                new_ref = "fresh" + old[len(r):]
                ind = _indent(f, st)
                edits: list[Edit] = [(rng[0], rng[1], b"".join(ind + ln.encode() + b"\n" for ln in build.splitlines())
                                      + ind + f"{new_ref}.Lock()".encode() + f.data[st.end_byte:rng[1]])]
                for st2, x2, _, _ in _unlocks(f, fn):
                    if f.text(x2) == old and st2.start_byte > st.start_byte:
                        edits.append((x2.start_byte, x2.end_byte, new_ref.encode()))
                yield _Proposal("fresh-struct", f.line_of(st), f"{_func_name(f, fn)}: lock {new_ref} of a fresh {sname} instead of {old}", edits)


def _constructors(f: _File) -> dict[str, str]:
    """Struct name -> a package function without parameters that returns *Struct."""
    out: dict[str, str] = {}
    for fn in f.funcs:
        if fn.type != "function_declaration":
            continue
        params, res = fn.child_by_field_name("parameters"), fn.child_by_field_name("result")
        if params is None or res is None or params.named_children:
            continue
        m = re.fullmatch(r"\*\s*(\w+)", f.text(res).strip())
        if m is not None:
            out.setdefault(m.group(1), _func_name(f, fn))
    return out


def op_fresh_ctor(f: _File) -> Iterator[_Proposal]:
    """Lock (and unlock) the mutex of a struct a constructor of the package builds afresh
    (`fresh := newS(); fresh.mu.Lock()`) instead of the receiver's."""
    ctors = _constructors(f)
    for fn in f.funcs:
        recv = fn.child_by_field_name("receiver")
        m = re.search(r"\(\s*(\w+)\s+\*\s*(\w+)\s*\)", f.text(recv)) if recv is not None else None
        if m is None or m.group(2) not in ctors:
            continue
        r, ctor = m.group(1), ctors[m.group(2)]
        for block in _body_blocks(fn):
            for st in statements(block):
                cm = _call_method(f, st)
                if cm is None or cm[0] != "Lock" or not f.text(cm[1]).startswith(r + "."):
                    continue
                rng = f.whole_lines(st)
                if rng is None:
                    continue
                old = f.text(cm[1])
                new_ref = "fresh" + old[len(r):]
                ind = _indent(f, st)
                edits: list[Edit] = [(rng[0], rng[1], ind + f"fresh := {ctor}()\n".encode() + ind
                                      + f"{new_ref}.Lock()".encode() + f.data[st.end_byte:rng[1]])]
                for st2, x2, _, _ in _unlocks(f, fn):
                    if f.text(x2) == old and st2.start_byte > st.start_byte:
                        edits.append((x2.start_byte, x2.end_byte, new_ref.encode()))
                yield _Proposal("fresh-ctor", f.line_of(st), f"{_func_name(f, fn)}: lock {new_ref} of a fresh {ctor}() instead of {old}", edits)


# ------------------------------------------------------------------ annotation operators


@dataclass
class _Clause:
    word: str
    lines: list[tuple[int, int, int]]  # per line: (line start byte, body start byte, line end byte)
    trailing: bool  # on the same line as code

    @property
    def start(self) -> int:
        return self.lines[0][1]

    def body(self, data: bytes) -> str:
        return " ".join(data[b:e].decode("utf-8").strip() for _, b, e in self.lines)


def _annotation_clauses(f: _File) -> list[_Clause]:
    """Every annotation clause of `//@` (or `// @`) lines, with the bytes of its lines."""
    out: list[_Clause] = []
    prev_line = -2
    depth = 0  # inside a spec or explore block's braces
    for n in _walk(f.root):
        if n.type != "comment" or not LINE_ANN.match(n.text or b""):
            continue
        raw = n.text or b""
        skip = 3 if raw.startswith(b"//@") else 4
        body_start, end = n.start_byte + skip, n.end_byte
        line_start = f.data.rfind(b"\n", 0, n.start_byte) + 1
        trailing = bool(f.data[line_start:n.start_byte].strip())
        text = raw[skip:].decode("utf-8")
        row = n.start_point[0]
        m = CLAUSE_START.match(text)
        starts = m is not None and m.group(1) in _CLAUSE_WORDS and depth == 0
        if starts and m is not None:
            out.append(_Clause(m.group(1), [(line_start, body_start, end)], trailing))
        elif out and row == prev_line + 1 and not trailing:
            out[-1].lines.append((line_start, body_start, end))
        depth += text.count("{") - text.count("}")
        depth = max(depth, 0)
        prev_line = row
    return out


_CLAUSE_WORDS = frozenset({"spec", "implements", "requires", "ensures", "preserves", "invariant", "decreases",
                           "crash_inv", "lock_inv", "linearize", "helping", "complete", "recover", "init",
                           "assert", "explore", "may_fail"})


def _drop_clause_edits(f: _File, c: _Clause) -> list[Edit]:
    if c.trailing:  # cut the comment, keep the code
        s = c.lines[0][1] - (3 if f.data[c.lines[0][1] - 3:c.lines[0][1]] == b"//@" else 4)
        s = len(f.data[:s].rstrip(b" \t"))
        return [(s, c.lines[-1][2], b"")]
    end = c.lines[-1][2]
    end = end + 1 if f.data[end:end + 1] == b"\n" else end
    return [(c.lines[0][0], end, b"")]


def _formula(c: _Clause, data: bytes) -> tuple[str, str] | None:
    """(head, formula) of a formula clause: `lock_inv(a)` keeps its parameter in the head."""
    body = c.body(data)
    m = re.match(rf"\s*{c.word}\s*(\(\s*\w+\s*\))?", body)
    if m is None or c.word not in FORMULA_CLAUSES:
        return None
    return body[:m.end()].strip(), body[m.end():].strip()


def _conjunct_drops(formula: str) -> Iterator[str]:
    """The formula with one conjunct dropped, for every `&&` chain at every paren depth."""
    # Chains: for each opening position (the whole formula, every '('), the `&&`s at its depth.
    spans: list[tuple[int, int]] = [(0, len(formula))]
    stack: list[int] = []
    for i, ch in enumerate(formula):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            spans.append((stack.pop() + 1, i))
    seen: set[str] = set()
    for lo, hi in spans:
        parts, depth, last = [], 0, lo
        i = lo
        while i < hi:
            ch = formula[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif depth == 0 and formula.startswith("&&", i):
                parts.append((last, i))
                last = i + 2
                i += 1
            i += 1
        parts.append((last, hi))
        if len(parts) < 2:
            continue
        for k in range(len(parts)):
            keep = [formula[a:b].strip() for j, (a, b) in enumerate(parts) if j != k]
            out = formula[:lo] + (" " if lo else "") + " && ".join(keep) + formula[hi:]
            out = out.replace("( ", "(").strip()
            if out not in seen:
                seen.add(out)
                yield out


_CMP = re.compile(r"==>|<==>|<=|>=|==|!=|<|>")


def _comparison_flips(formula: str) -> Iterator[tuple[str, str]]:
    """(description, formula) with one comparison flipped (`==>` is not a comparison)."""
    for m in _CMP.finditer(formula):
        op = m.group(0)
        if op in _FLIP:
            new = formula[:m.start()] + _FLIP[op] + formula[m.end():]
            yield f"`{op}` -> `{_FLIP[op]}` at column {m.start()}", new


def _replace_clause(f: _File, c: _Clause, new_body: str) -> list[Edit]:
    """Rewrite a clause as one annotation line (the style of its first line)."""
    ls, bs, _ = c.lines[0]
    end = c.lines[-1][2]
    return [(bs, end, (" " + new_body).encode())]


def op_annotations(f: _File) -> Iterator[_Proposal]:
    clauses = _annotation_clauses(f)
    for c in clauses:
        line = f.data.count(b"\n", 0, c.start) + 1
        if c.word in DROPPABLE:
            op = "drop-ghost" if c.word in GHOSTS else "drop-clause"
            yield _Proposal(op, line, f"drop `{_first_line(c.body(f.data).strip())}`", _drop_clause_edits(f, c), KIND_ANNOTATION)
        fm = _formula(c, f.data)
        if fm is None:
            continue
        head, formula = fm
        for k, weaker in enumerate(_conjunct_drops(formula)):
            yield _Proposal("drop-conjunct", line, f"{c.word}: `{_first_line(formula)}` -> `{_first_line(weaker)}` (#{k})",
                            _replace_clause(f, c, f"{head} {weaker}"), KIND_ANNOTATION)
        for what, flipped in _comparison_flips(formula):
            yield _Proposal("ann-bound", line, f"{c.word}: {what} of `{_first_line(formula)}`",
                            _replace_clause(f, c, f"{head} {flipped}"), KIND_ANNOTATION)
        if formula != "true":
            yield _Proposal("clause-true", line, f"{head} -> {head} true", _replace_clause(f, c, f"{head} true"), KIND_ANNOTATION)
        if c.word in STRENGTHEN and formula != "false":
            # An invariant nothing can establish: proofs that assume it are vacuous unless
            # something must establish it (init, the initial disks, every unlock).
            false = _replace_clause(f, c, f"{head} false")
            yield _Proposal("clause-false", line, f"{head} -> {head} false", false, KIND_ANNOTATION)
            inits = [x for x in clauses if x.word == "init"]
            if c.word == "crash_inv" and inits:
                yield _Proposal("clause-false+drop-init", line, f"{head} -> {head} false, and no `init` function",
                                false + [e for x in inits for e in _drop_clause_edits(f, x)], KIND_ANNOTATION)


def op_move_ghost(f: _File) -> Iterator[_Proposal]:
    """A trailing ghost statement (linearize, helping, complete) moved to the statement
    before or after it in the same block."""
    for fn in f.funcs:
        for block in _body_blocks(fn):
            sts = statements(block)
            for i, st in enumerate(sts):
                rng = f.whole_lines(st)
                if rng is None:
                    continue
                line = f.data[rng[0]:rng[1]]
                m = re.search(rb"\s*//\s?@\s*(linearize|helping|complete)\b.*", line.rstrip(b"\n"))
                if m is None:
                    continue
                for j in (i - 1, i + 1):
                    if not 0 <= j < len(sts):
                        continue
                    other = f.whole_lines(sts[j])
                    if other is None or b"//" in f.data[sts[j].end_byte:other[1]]:
                        continue
                    cut = (rng[0] + m.start(), rng[0] + len(line.rstrip(b"\n")), b"")
                    put = (sts[j].end_byte, sts[j].end_byte, m.group(0))
                    where = "up" if j < i else "down"
                    yield _Proposal("move-ghost", f.line_of(st), f"{_func_name(f, fn)}: `{m.group(0).decode().strip()}` moved {where} one statement",
                                    [cut, put], KIND_ANNOTATION)


def op_requires_false(f: _File) -> Iterator[_Proposal]:
    for fn in f.funcs:
        s = f.data.rfind(b"\n", 0, fn.start_byte) + 1
        yield _Proposal("requires-false", f.line_of(fn), f"{_func_name(f, fn)}: add `//@ requires false`",
                        [(s, s, b"//@ requires false\n")], KIND_ANNOTATION)


CODE_OPERATORS = (op_swap_disk, op_drop_stmt, op_move_stmt, op_dup_stmt, op_insert_break, op_negate_cond, op_bound,
                  op_index, op_short_block, op_const, op_alias_unlock, op_helper_unlock, op_fresh_struct, op_fresh_ctor)
ANNOTATION_OPERATORS = (op_annotations, op_move_ghost, op_requires_false)
# Code operators whose mutants also get `requires false` on the function they break: the
# verifier must not be fooled into a vacuous proof of broken code.
COMPOUND_WITH = ("swap-disk", "drop-stmt", "drop-lock", "drop-unlock", "move-unlock", "alias-unlock",
                 "helper-unlock", "fresh-struct", "fresh-ctor")


def _apply(data: bytes, edits: list[Edit]) -> bytes:
    out = data
    for s, e, new in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
        out = out[:s] + new + out[e:]
    return out


def _parse(name: str, data: bytes) -> _File:
    tree = new_parser().parse(data)
    f = _File(name, data, tree.root_node)
    f.funcs = [c for c in tree.root_node.children if c.type in ("function_declaration", "method_declaration")]
    return f


def _enclosing_func(f: _File, line: int) -> ts.Node | None:
    for fn in f.funcs:
        if fn.start_point[0] + 1 <= line <= fn.end_point[0] + 1:
            return fn
    return None


def mutants_of_file(package: str, name: str, text: str, prefix: str | None = None) -> list[Mutant]:
    """Every mutant of one file of `package`; ids start with `prefix` (default: the
    package directory's name)."""
    data = text.encode("utf-8")
    f = _parse(name, data)
    pkg = prefix or os.path.basename(os.path.normpath(package))
    props: list[_Proposal] = []
    for gen in CODE_OPERATORS + ANNOTATION_OPERATORS:
        props.extend(gen(f))
    for p in list(props):
        if p.operator in COMPOUND_WITH:
            fn = _enclosing_func(f, p.line)
            if fn is not None:
                s = f.data.rfind(b"\n", 0, fn.start_byte) + 1
                props.append(_Proposal(f"requires-false+{p.operator}", p.line,
                                       f"{p.description}, and `//@ requires false` on {_func_name(f, fn)}",
                                       p.edits + [(s, s, b"//@ requires false\n")], KIND_BOTH))
    out: list[Mutant] = []
    seen: set[bytes] = {data}
    counts: dict[str, int] = {}
    for p in props:
        new = _apply(data, p.edits)
        if new in seen:
            continue  # the same text by another route: one mutant
        seen.add(new)
        key = f"{pkg}/{p.operator}@L{p.line}"
        n = counts.get(key, 0)
        counts[key] = n + 1
        mid = key if n == 0 else f"{key}.{n}"
        out.append(Mutant(mid, package, name, p.operator, p.kind, p.description, text, new.decode("utf-8")))
    return out


def mutants_of_package(package: str, prefix: str | None = None) -> list[Mutant]:
    out: list[Mutant] = []
    for name in package_files(package):
        with open(os.path.join(package, name), encoding="utf-8") as fh:
            out.extend(mutants_of_file(package, name, fh.read(), prefix))
    return out


def proof_packages(root: str) -> list[str]:
    """Every package directory under `root`/proofs as Go's ./... sees them (seeded bugs live in
    testdata/ and are excluded), sorted."""
    out = []
    base = os.path.join(root, "proofs")
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d != "testdata" and not d.startswith((".", "_")))
        if any(n.endswith(".go") and not n.endswith("_test.go") for n in filenames):
            out.append(os.path.relpath(dirpath, root))
    return sorted(out)


EXPECT_VERIFIED = re.compile(r"//\s*EXPECT\s+verified")
SPEC = re.compile(r"^//\s?@\s*spec\b", re.M)
IMPLEMENTS = re.compile(r"^//\s?@\s*implements\b", re.M)


def verified_programs(root: str) -> list[str]:
    """Verifier test programs (tests/verify/programs) that are expected to verify and have a
    spec and an op implementation: the explorer can judge their mutants, and they hold shapes the proofs do not (a
    single mutex field, init functions, journals)."""
    base = os.path.join(root, "tests", "verify", "programs")
    out = []
    for d in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        files = package_files(os.path.join(base, d)) if os.path.isdir(os.path.join(base, d)) else []
        texts = [open(os.path.join(base, d, n), encoding="utf-8").read() for n in files]
        if (any(EXPECT_VERIFIED.search(t) for t in texts) and any(SPEC.search(t) for t in texts)
                and any(IMPLEMENTS.search(t) for t in texts)):
            out.append(os.path.relpath(os.path.join(base, d), root))
    return out


def seed_packages(root: str) -> list[str]:
    """What mutants are made from: every proof package, then every verified, specified
    verifier test program (paths relative to root)."""
    return proof_packages(root) + verified_programs(root)


def _prefix(rel: str) -> str:
    rel = rel.replace(os.sep, "/")
    for head, short in (("proofs/", ""), ("tests/verify/programs/", "programs/")):
        if rel.startswith(head):
            return short + rel[len(head):]
    return rel


def all_mutants(root: str) -> list[Mutant]:
    out: list[Mutant] = []
    for p in seed_packages(root):
        out.extend(mutants_of_package(os.path.join(root, p), _prefix(p)))
    return out


def sample(mutants: list[Mutant], n: int, seed: int) -> list[Mutant]:
    """A seeded sample of n mutants that takes every operator in turn, so a small sample
    still covers each of them."""
    rng = random.Random(seed)
    by_op: dict[str, list[Mutant]] = {}
    for m in mutants:
        by_op.setdefault(m.operator, []).append(m)
    for ms in by_op.values():
        rng.shuffle(ms)
    out: list[Mutant] = []
    ops = sorted(by_op)
    while len(out) < n and any(by_op.values()):
        for op in ops:
            if by_op[op] and len(out) < n:
                out.append(by_op[op].pop())
    return sorted(out, key=lambda m: m.id)
