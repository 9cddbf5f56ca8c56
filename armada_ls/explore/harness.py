"""The explorer's harness: what runs, with which arguments, under which bounds.

Built from the package's `//@ explore` block, overridden by the command line (`Bounds`).
The system is set up by the `//@ init` function, or by the `//@ recover` function run on
empty durable state when there is no init (recovery is how a fresh system is opened).
Harness goroutines call the functions marked `implements Spec.Op`, on the value the set-up
returned when they are methods. After a crash, recovery runs, then the check phase calls
ops again: the `after_crash` calls, or by default every op that changes no spec state, with
every argument from the domains, twice, then each other op once (its first arguments)
and the reads again. Ops with a lock contract (`requires/ensures locked(E)`, clientlocks.py):
the check phase skips a call whose contract it cannot keep when it comes (system.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from armada_ls.explore.clientlocks import ContractError, OpLocks, op_locks, pure_requires
from armada_ls.explore.spec import LinSet, SpecError, SpecRunner
from armada_ls.logic import ast as A
from goose import ir
from goose import machine_api as M
from goose import types as T
from goose.semantics import devices as D
from goose.semantics.compile import compile_package
from goose.semantics.machine import Machine


@dataclass
class Bounds:
    """Bounds of one exploration. `None` means: take it from the `//@ explore` block, or
    the default."""

    goroutines: int | None = None
    ops: int | None = None
    crashes: int | None = None  # crashes while the harness goroutines run
    recovery_crashes: int | None = None  # further crashes while recovery runs
    disk_failures: int | None = None
    fail_disks: tuple[int, ...] = (0, 1)  # twodisk: which disks may fail
    domains: dict[str, list[str]] = field(default_factory=dict)  # type -> values, as written
    host_crashes: int | None = None  # host crashes (power loss), while ops run or during recovery
    disk_size: int | None = None  # blocks per disk
    reductions: bool = True  # partial-order reduction (sleep sets)
    max_states: int = 3_000_000
    max_seconds: float | None = None
    shortest: bool = True  # after a violation, search breadth-first for a shorter trace
    # States the breadth-first search may visit (a count, not a time, so the trace shown does
    # not depend on the machine's load); past it the first trace found is shown.
    shortest_budget: int = 100_000

    def resolved(self, decl: A.ExploreDecl | None, host_default: int = 0) -> dict[str, Any]:
        """The bounds to explore; `host_default` is the host crashes when neither the
        command line nor the explore block says (1 under `crash_model host`)."""
        b = dict(decl.bounds) if decl is not None else {}
        out = {
            "goroutines": self.goroutines if self.goroutines is not None else b.get("goroutines", 2),
            "ops": self.ops if self.ops is not None else b.get("ops", 2),
            "crashes": self.crashes if self.crashes is not None else b.get("crashes", 1),
            "recovery_crashes": self.recovery_crashes if self.recovery_crashes is not None else b.get("recovery_crashes", 1),
            "disk_failures": self.disk_failures if self.disk_failures is not None else b.get("disk_failures", 1),
            "host_crashes": self.host_crashes if self.host_crashes is not None else b.get("host_crashes", host_default),
        }
        for k, v in out.items():
            if v < 0:
                raise HarnessError(f"explore: {k} {v} is negative")
        if "steps" in b:
            out["steps"] = b["steps"]
        return out


# The boundary values of the constants the code compares against join these (see
# `boundary_values`), unless the explore block or the command line gives the type a domain.
DEFAULT_DOMAINS: dict[T.Type, list[Any]] = {
    T.UINT64: [0, 1],
    T.UINT32: [0, 1],
    T.BYTE: [0, 1],
    T.BOOL: [False, True],
    T.STRING: ["a", "b"],
}


@dataclass
class OpImpl:
    op: str
    func: str  # qualified name of the implementing function
    method: bool  # called on the set-up's result
    params: list[T.Type]
    result: T.Type | None


@dataclass
class Harness:
    pkg: ir.Package
    machine: Machine
    spec: SpecRunner
    lin: LinSet
    impls: dict[str, OpImpl]
    choices: list[tuple[str, tuple]]  # every (op, args) a goroutine may call
    plans: list[list[tuple[str, tuple]]] | None  # fixed calls per goroutine
    check_calls: list[tuple[str, tuple]]
    setup: str | None  # function run on empty durable state
    recover: str | None
    devices: D.Devices
    bounds: dict[str, Any]
    fail_disks: tuple[int, ...]
    disk_size_from: str = ""  # which bound set the disk size (for out-of-range messages)
    boundaries: dict[T.Type, dict[int, str]] = field(default_factory=dict)  # default-domain values and why
    messages: list[str] = field(default_factory=list)
    recover_args: list[Any] = field(default_factory=list)  # what recovery is called with
    # op -> its lock contract (`requires/ensures locked(E)`), for the ops that have one
    locks: dict[str, OpLocks] = field(default_factory=dict)


class HarnessError(Exception):
    pass


_CMP = {"<", "<=", ">", ">=", "==", "!="}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
MAX_BOUNDARY_VALUES = 4  # per type: each value multiplies the calls a harness goroutine may make


def boundary_values(pkg: ir.Package) -> dict[T.Type, dict[int, str]]:
    """For each integer type, the values on either side of every constant the code compares
    a value of that type against (`a < N`: N-1, the last value in, and N, the first out;
    `a <= N`: N and N+1; `a == N`: N), with where each comes from. The default domain of a
    type with boundary values is 0 and those: an off-by-one at the last address then shows
    without a `domain` line. Comparisons with `len`/`cap` are left out (lengths are not
    arguments). At most MAX_BOUNDARY_VALUES a type, those of the package's own constants
    first."""
    named = {c.value for c in pkg.consts.values() if isinstance(c.value, int) and not isinstance(c.value, bool)}
    found: dict[T.Type, list[tuple[int, int, str]]] = {}
    for fd in pkg.funcs.values():
        for n in ir.walk(fd.body):
            if not isinstance(n, ir.Binary) or n.op not in _CMP:
                continue
            x, y, op = n.x, n.y, n.op
            if isinstance(x, ir.Const) and not isinstance(y, ir.Const):
                x, y, op = y, x, _FLIP[op]
            if not isinstance(y, ir.Const) or isinstance(x, ir.Const) or isinstance(y.value, bool) \
                    or not isinstance(y.value, int):
                continue
            inner = x.x if isinstance(x, ir.Convert) else x
            if isinstance(inner, ir.Builtin) and inner.name in ("len", "cap"):
                continue
            t = T.underlying(x.type)
            if not T.is_integer(t) or t == T.UNTYPED_INT:
                continue
            c = y.value
            vals = [c - 1, c] if op in ("<", ">=") else [c, c + 1] if op in ("<=", ">") else [c]
            rank = 0 if {c - 1, c, c + 1} & named else 1
            where = f"{fd.file.rsplit('/', 1)[-1]}:{n.span.start.line + 1}: {op} {c}"
            mask = (1 << T.int_bits(t)) - 1
            for v in vals:
                if 0 <= v <= mask:
                    found.setdefault(t, []).append((rank, v, where))
    out: dict[T.Type, dict[int, str]] = {}
    for t, lst in found.items():
        chosen: dict[int, str] = {}
        for _rank, v, where in sorted(lst, key=lambda r: r[0]):
            if v in chosen or v == 0:
                continue
            if len(chosen) < MAX_BOUNDARY_VALUES:
                chosen[v] = f"the comparison at {where}"
        out[t] = chosen
    return out


def _parse_type(name: str, pkg: ir.Package) -> T.Type | None:
    basic = {"uint64": T.UINT64, "uint32": T.UINT32, "byte": T.BYTE, "bool": T.BOOL, "string": T.STRING}
    if name in basic:
        return basic[name]
    if "." in name:
        p, n = name.split(".", 1)
        return M.TYPES.get(p, {}).get(n)
    if name in pkg.structs:
        return pkg.structs[name].type
    if name == "[]byte":
        return T.Slice(T.BYTE)
    return None


def _recover_args(pkg: ir.Package, decl: A.ExploreDecl | None, recover: str | None,
                  setup: str | None, probe: SpecRunner) -> list[Any]:
    """The arguments of the recovery function (`recover_args(2, false)`: Mailboat's
    `Init(users, durable)`), one per parameter; an `init` set-up takes none."""
    given = [_literal(v, probe) for v in decl.recover_args] if decl is not None else []
    if setup is not None and setup != recover and pkg.funcs[setup].params:
        raise HarnessError(f"explore: the init function {setup} takes parameters: the explorer "
                           "calls it with none")
    if recover is None:
        if given:
            raise HarnessError("explore: recover_args, but no function is marked `//@ recover`")
        return []
    want = len(pkg.funcs[recover].params)
    if len(given) != want:
        raise HarnessError(f"explore: the recovery function {recover} takes {want} "
                           f"argument(s); recover_args gives {len(given)}")
    return given


def _literal(e: A.LExpr, spec: SpecRunner) -> Any:
    return spec.eval(e, {}, {})


def _parse_value(text: str) -> Any:
    t = text.strip()
    if t.startswith("block(") and t.endswith(")"):
        return bytes([int(t[6:-1], 0) & 0xFF]) * D.BLOCK_SIZE
    if t in ("true", "false"):
        return t == "true"
    if t.startswith('"') and t.endswith('"'):
        return t[1:-1]
    return int(t, 0)


def _set_up_fs(pkg: ir.Package, setup: str | None) -> D.FileSys:
    """The file system before the first step: the directories init makes with a top-level
    `filesys.Mkdir` of a constant already exist. Directories are set-up state (docs/machine.md:
    made once, never removed), so a crash during init does not undo them; the verifier
    assumes exactly these in every function but init (armada_ls/verify/filesys.init_dirs)."""
    fd = pkg.funcs.get(setup) if setup is not None else None
    names = sorted({c.args[0].value for s in (fd.body if fd is not None else [])
                    if isinstance(s, ir.ExprStmt) and isinstance(c := s.expr, ir.Call)
                    and c.pkg == "filesys" and c.name == "Mkdir" and isinstance(c.args[0], ir.Const)
                    and isinstance(c.args[0].value, str)})
    dirs = tuple((n, ()) for n in names)
    return D.FileSys(dirs=dirs, sdirs=dirs)


def build(pkg: ir.Package, ann: A.Annotations, bounds: Bounds) -> Harness:
    """The harness for pkg, or HarnessError saying what is missing."""
    decl = ann.explore[0] if ann.explore else None
    resolved = bounds.resolved(decl, 1 if A.host_crashes(ann) else 0)
    impls: dict[str, OpImpl] = {}
    spec_name = None
    setup = recover = None
    for fname, clauses in ann.funcs.items():
        fd = pkg.funcs.get(fname)
        if fd is None:
            continue
        for c in clauses:
            if isinstance(c, A.Implements):
                spec_name = spec_name or c.spec
                impls[c.op] = OpImpl(c.op, fname, fd.recv is not None, [p.type for p in fd.params],
                                     fd.results[0] if len(fd.results) == 1 else None)
            elif isinstance(c, A.InitMark):
                setup = fname
            elif isinstance(c, A.RecoverMark):
                recover = fname
    if not ann.specs:
        raise HarnessError("no `//@ spec` in the package: the explorer checks code against its spec")
    spec_decl = ann.specs.get(spec_name or "") or next(iter(ann.specs.values()))
    if not impls:
        raise HarnessError("no function is marked `//@ implements Spec.Op`")
    if setup is None:
        setup = recover

    consts = {name: c.value for name, c in pkg.consts.items()}
    # Domains: defaults with the code's boundary values, then the explore block, then the
    # command line (a type given a domain there gets exactly that domain).
    domains: dict[T.Type, list[Any]] = {k: list(v) for k, v in DEFAULT_DOMAINS.items()}
    boundaries = boundary_values(pkg)
    for t, extra in boundaries.items():
        if extra:  # the smallest value and the boundaries (1 is no boundary: it only costs states)
            domains[t] = sorted({0} | set(extra))
    uses_blocks = any(p in pkg.imports for p in ("disk", "twodisk"))
    if uses_blocks:
        domains[T.Slice(T.BYTE)] = [bytes([1]) * D.BLOCK_SIZE, bytes([2]) * D.BLOCK_SIZE]
    probe = SpecRunner(spec_decl, consts, domains, D.BLOCK_SIZE if uses_blocks else None)
    if decl is not None:
        for tname, vals in decl.domains.items():
            t = _parse_type(tname, pkg)
            if t is None:
                raise HarnessError(f"explore: unknown domain type {tname}")
            domains[t] = [_literal(v, probe) for v in vals]
            boundaries.pop(t, None)
    for tname, texts in bounds.domains.items():
        t = _parse_type(tname, pkg)
        if t is None:
            raise HarnessError(f"unknown domain type {tname}")
        domains[t] = [_parse_value(x) for x in texts]
        boundaries.pop(t, None)
    block_size = D.BLOCK_SIZE if uses_blocks or any(
        isinstance(v, bytes) and len(v) == D.BLOCK_SIZE for v in domains.get(T.Slice(T.BYTE), [])) else None
    spec = SpecRunner(spec_decl, consts, domains, block_size)

    def args_for(params: list[tuple[str, T.Type]]) -> list[tuple]:
        doms = []
        for _, t in params:
            d = domains.get(T.underlying(t)) or domains.get(t)
            if d is None:
                raise HarnessError(f"no domain for parameter type {t}: add `domain {t} = {{...}}` to the explore block")
            doms.append(d)
        return [tuple(c) for c in itertools.product(*doms)]

    def allowed(op: str, args: tuple) -> bool:
        """The implementing function's `requires` hold for these arguments (clauses that
        mention more than the parameters and constants are not checked here)."""
        impl = impls[op]
        fd = pkg.funcs[impl.func]
        local = {p.name: a for p, a in zip(fd.params, args, strict=False)}
        for c in ann.funcs.get(impl.func, []):
            if isinstance(c, A.Requires):
                # the `locked(E)` conjuncts are the client's to keep (system.py), at run time
                cond = pure_requires(c.cond)
                if cond is None:
                    continue
                try:
                    if not spec.eval(cond, {}, local):
                        return False
                except (SpecError, KeyError, TypeError, IndexError):
                    continue
        return True

    locks: dict[str, OpLocks] = {}
    for op, impl in impls.items():
        try:
            ol = op_locks(pkg, ann, impl.func)
        except ContractError as e:
            raise HarnessError(str(e)) from None
        if ol.any:
            locks[op] = ol

    choices: list[tuple[str, tuple]] = []
    skipped = 0
    for op in spec_decl.ops:
        if op.name not in impls:
            continue
        for a in args_for(op.params):
            if allowed(op.name, a):
                choices.append((op.name, a))
            else:
                skipped += 1

    def call_of(ref: A.OpRef) -> tuple[str, tuple]:
        if ref.op not in impls:
            raise HarnessError(f"explore: {ref.op} is not implemented by any function")
        return (ref.op, tuple(_literal(a, spec) for a in ref.args))

    plans = None
    if decl is not None and decl.threads and bounds.goroutines is None and bounds.ops is None:
        plans = [[call_of(r) for r in th] for th in decl.threads]
    if decl is not None and decl.after_crash:
        check_calls = [call_of(r) for r in decl.after_crash]
    else:
        # Every read twice: a disk failure between the rounds shows a replica that recovery
        # left behind. Then one call of each other op (its first arguments), and the reads
        # again: state that recovery rebuilt in memory (a free set, a cache) shows only when
        # an op changes something. (Every argument of every op would be several times the
        # states, and more ops than the harness's bounds can overflow a fixed-size log.)
        reads = [(op, a) for op, a in choices if spec.is_observer(op)]
        writes: list[tuple[str, tuple]] = []
        for op, a in choices:
            if not spec.is_observer(op) and all(op != w for w, _ in writes):
                writes.append((op, a))
        check_calls = reads * 2 + (writes + reads if writes else [])

    # The disk size: the command line, the explore block's `disk_size`, the package's
    # `//@ disk_size N` (what the verifier assumes), its DiskSize constant, else one more
    # than the largest uint64 argument value.
    size: int
    c = pkg.consts.get("DiskSize")
    if bounds.disk_size is not None:
        size, size_from = bounds.disk_size, f"--disk-size {bounds.disk_size}"
    elif decl is not None and "disk_size" in decl.bounds:
        size, size_from = decl.bounds["disk_size"], f"`disk_size {decl.bounds['disk_size']}` in the explore block"
    elif ann.disk_size is not None:
        size = _literal(ann.disk_size.size, spec)
        size_from = f"the package's `disk_size` clause ({size})"
    elif c is not None and isinstance(c.value, int) and not isinstance(c.value, bool):
        size, size_from = int(c.value), f"the package's DiskSize constant ({c.value})"
    else:
        size = max(domains[T.UINT64]) + 1
        size_from = f"one more than the largest uint64 argument value ({size - 1}); set it with disk_size N"
    if size < 1 or size > 1 << 20:
        raise HarnessError(f"explore: disk size {size} ({size_from}) must be between 1 and {1 << 20}")
    devices = D.Devices(
        twodisk=D.TwoDisk.fresh(size) if "twodisk" in pkg.imports else None,
        disk=D.Disk.fresh(size) if "disk" in pkg.imports else None,
        fs=_set_up_fs(pkg, setup) if "filesys" in pkg.imports else None,
    )
    machine = Machine(compile_package(pkg))
    recover_args = _recover_args(pkg, decl, recover, setup, probe)
    messages = [f"{skipped} calls skipped: their arguments break the function's `requires`"] if skipped else []
    param_types = {T.underlying(t) for op in spec_decl.ops if op.name in impls for _, t in op.params}
    for t, extra in boundaries.items():
        if extra and t in param_types:
            messages.append(f"{t} arguments include boundary values " + ", ".join(
                f"{v} ({why})" for v, why in sorted(extra.items())))
    # The package's fault model (`may_fail`) limits which disks the explorer fails.
    may = A.failing_disks(ann)
    fail_disks = tuple(d for d in bounds.fail_disks if f"twodisk.Disk{d + 1}" in may) if "twodisk" in pkg.imports else ()
    return Harness(
        pkg=pkg, machine=machine, spec=spec, lin=LinSet(spec), impls=impls, choices=choices,
        plans=plans, check_calls=check_calls, setup=setup, recover=recover,
        recover_args=recover_args, devices=devices,
        bounds=resolved | {"disk_size": size, "fail_disks": list(fail_disks)},
        fail_disks=fail_disks,
        disk_size_from=size_from,
        boundaries=boundaries,
        messages=messages,
        locks=locks,
    )
