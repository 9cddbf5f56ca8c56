"""The explored transition system: machine state + harness + history checker.

A state (`XState`) is a machine state, the phase (`init`: the `//@ init` function and the
goroutines it starts run; `main`: harness goroutines call ops;
`recover`: recovery runs after a crash; `check`: ops are called again; `done`), what each
harness goroutine has done, the set of spec configurations the history allows (see
`spec.LinSet`), crash and failure counts, and the value set-up or recovery returned.

Transitions are `("t", tid, choice)` (a goroutine's next step, or an idle harness goroutine
calling op number `choice`), `("tf", tid, disk)` (the disk fails just before the
goroutine's next call, which uses it), `("crash", j)` in the init and main phases (outcome j of
`crash_outcomes`: a process or host crash, the machine it leaves, and how recovery ended;
a host crash in the check phase too),
and inside recovery `("crash",)` (a process crash) and `("hcrash", i)` (a host crash that
leaves the machine `host_outcomes()[i]`). `execute` returns the next
state and the step's footprint; it raises `Found` when the step goes wrong.
"""

from __future__ import annotations

from typing import Any

from armada_ls.explore import result as R
from armada_ls.explore.clientlocks import ContractError, LockPaths, env_of, held_by
from armada_ls.explore.harness import Harness
from armada_ls.logic.pretty import show
from goose import types as T
from goose.semantics import devices as D
from goose.semantics.errors import UB_DISK_ADDR, ExecError, GoPanic, UndefinedBehavior
from goose.semantics.machine import Footprint
from goose.semantics.state import State
from goose.semantics.values import SliceV

ALL = None  # the footprint of a crash: dependent with everything
RECOVERY = "r"
CHECKER = "c"
SETUP = "init"


class Found(Exception):
    def __init__(self, violation: R.Violation) -> None:
        super().__init__(violation.message)
        self.violation = violation
        self.subpath: list = []  # steps inside recovery, when it went wrong there


class Outcome:
    """One way a crash ends: the state when recovery returned, the steps that got there,
    whether the crash was a host crash, and what it lost (a host crash's lost writes)."""

    __slots__ = ("state", "path", "host", "lost")

    def __init__(self, state: Any, path: list, host: bool = False, lost: tuple = ()) -> None:
        self.state = state
        self.path = path
        self.host = host
        self.lost = lost


_NOLIN: frozenset = frozenset()
_NONE: frozenset = frozenset()


class XState:
    __slots__ = ("m", "phase", "hs", "lin", "crashes", "rcrashes", "fails", "handle", "check_i", "hcrashes", "_key",
                 "note", "cl", "ccall")

    def __init__(self, m: State, phase: str, hs: tuple, lin: frozenset, crashes: int, rcrashes: int,
                 fails: int, handle: Any, check_i: int, hcrashes: int = 0, cl: tuple = ()) -> None:
        self.m = m
        self.phase = phase
        self.hs = hs
        self.lin = lin
        self.crashes = crashes
        self.rcrashes = rcrashes
        self.fails = fails
        self.handle = handle
        self.check_i = check_i
        self.hcrashes = hcrashes  # host crashes so far (main phase and recovery)
        # What each client holds by its ops' lock contracts (clientlocks.py), when some op
        # has one: per harness goroutine, then the check phase's, (held, kept, pinned): the
        # mutexes the client holds (with those it handed to the op it runs), those it did not
        # hand over, and those of them still locked (a Lock of one by its op is the client's
        # misuse). Between ops kept is held and pinned empty. () when no op has a contract.
        self.cl = cl
        self.ccall: tuple | None = None  # the check phase's call in progress (op, args, releasing)
        self._key: tuple | None = None
        self.note: tuple = ()  # events of the transition that led here (for traces; not state)

    def replace(self, **kw: Any) -> XState:
        x = XState(self.m, self.phase, self.hs, self.lin, self.crashes, self.rcrashes, self.fails,
                   self.handle, self.check_i, self.hcrashes, self.cl)
        x.note = self.note
        x.ccall = self.ccall
        for k, v in kw.items():
            setattr(x, k, v)
        return x

    def key(self) -> tuple:
        if self._key is None:
            self._key = (self.m.key(), self.phase, self.hs, self.lin, self.crashes, self.rcrashes,
                         self.fails, self.handle, self.check_i, self.hcrashes, self.cl, self.ccall)
        return self._key


def exec_violation(e: ExecError) -> R.Violation:
    kind = R.UNDEFINED if isinstance(e, UndefinedBehavior) else R.PANIC if isinstance(e, GoPanic) else \
        R.NO_PROGRESS if e.code == "no-progress" else R.SPEC_ERROR
    return R.Violation(kind, e.message, e.file, e.span, e.code)


def _address_bound(h: Harness, v: R.Violation) -> R.Violation:
    """Say which bound made a disk address out of range: the disk size's origin, and the
    boundary value the address came from if it is one."""
    if v.code != UB_DISK_ADDR:
        return v
    msg = f"{v.message}; the disk size comes from {h.disk_size_from}"
    import re

    m = re.search(r"address (\d+)", v.message)
    if m is not None:
        why = h.boundaries.get(T.UINT64, {}).get(int(m.group(1)))
        if why is not None:
            msg += f"; the address {m.group(1)} is a uint64 argument value added as a boundary of {why}"
    return R.Violation(v.kind, msg, v.file, v.span, v.code)


class System:
    def __init__(self, h: Harness) -> None:
        self.h = h
        self.m = h.machine
        self.n = len(h.plans) if h.plans is not None else h.bounds["goroutines"]
        self.nops = h.bounds["ops"]
        self.ret_types = {op: impl.result for op, impl in h.impls.items()}
        self._rec_memo: dict[tuple, list[Outcome]] = {}
        self.rec_states = 0
        self._dur_cache: dict[Any, tuple] = {}
        self._host_cache: dict[Any, list] = {}
        self.lk = bool(h.locks)  # some op hands a held lock to its client or takes one
        self.paths = LockPaths(h.pkg)

    # ------------------------------------------------------------ set-up

    def initial(self) -> XState:
        """The first state. An `//@ init` function runs in the explored `init` phase: its
        steps and those of the goroutines it starts interleave, a crash may hit any of them
        (then recovery runs), and the harness starts when init returns, its goroutines still
        running. Without one, recovery sets up the empty system alone (crashes inside
        recovery are explored after every crash)."""
        st = State(self.h.devices)
        handle = None
        lin = self.h.lin.initial()
        hs = tuple((0, None) for _ in range(self.n))
        if self.h.setup is not None and self.h.setup != self.h.recover:
            try:
                st = self.m.start_thread(st, SETUP, self.h.setup, [])
            except ExecError as e:
                raise Found(_address_bound(self.h, exec_violation(e))) from None
            xs = XState(st, "init", hs, lin, 0, 0, 0, None, 0, cl=self.fresh_cl())
            if st.threads[SETUP].done:
                xs = self.finished(xs, SETUP, Footprint())
            return xs
        if self.h.setup is not None:
            st, handle = self.run_alone(st, SETUP, self.h.setup, self._setup_args())
        return XState(st, "main", hs, lin, 0, 0, 0, handle, 0, cl=self.fresh_cl())

    def _setup_args(self) -> list[Any]:
        """Recovery opens a fresh system when there is no init: with its arguments."""
        return list(self.h.recover_args) if self.h.setup == self.h.recover else []

    def run_alone(self, st: State, tid: Any, func: str, args: list[Any]) -> tuple[State, Any]:
        """Run func to completion in one goroutine (set-up): its own steps first, choice 0;
        it stops when func returns, so a goroutine func started (a flusher that loops for
        ever) runs on in the main phase instead of here."""
        try:
            st = self.m.start_thread(st, tid, func, args)
            for _ in range(10_000_000):
                if st.threads[tid].done:
                    break
                acts = [a for t in list(st.threads) if (a := self.m.action(st, t)) is not None and a.enabled]
                if not acts:
                    break
                mine = [a for a in acts if a.tid == tid]
                st, _ = self.m.step(st, (mine or acts)[0].tid, 0)
        except ExecError as e:
            raise Found(_address_bound(self.h, exec_violation(e))) from None
        th = st.threads[tid]
        if not th.done:
            raise Found(R.Violation(R.DEADLOCK, f"set-up {func} blocked forever"))
        st = st.copy()
        del st.w_threads()[tid]
        return st, th.result

    # ------------------------------------------------------------ transitions

    def harness_tids(self, xs: XState) -> list[Any]:
        if xs.phase == "main":
            return list(range(self.n))
        return []

    def transitions(self, xs: XState) -> list[tuple]:
        out: list[tuple] = []
        m = xs.m
        if self.lk and xs.phase in ("main", "check"):
            bad = self.misuse(xs)
            if bad is not None:
                if self.h.plans is not None and xs.phase == "main":
                    raise ContractError(self.misuse_message(xs, *bad))
                # A client never calls an op that Locks a mutex it holds (Go mutexes are not
                # reentrant): this path is not one a client of the contract takes. Pruned.
                return []
        if xs.phase == "main":
            for i in range(self.n):
                th = m.threads.get(i)
                if th is None or th.done:
                    done, _cur = xs.hs[i]
                    if done < self.nops_of(i):
                        if self.h.plans is not None:
                            if self.lk:
                                op, args = self.h.plans[i][done]
                                why = self.lock_call(xs, i, op, args)[2]
                                if why:
                                    raise ContractError(
                                        f"the plan of goroutine {i} breaks {op}'s lock contract: its call "
                                        f"number {done + 1}, {op}{_args(args)}, {why}")
                            out.append(("t", i, 0))
                        elif self.lk:
                            out.extend(("t", i, c) for c, (op, args) in enumerate(self.h.choices)
                                       if not self.lock_call(xs, i, op, args)[2])
                        else:
                            out.extend(("t", i, c) for c in range(len(self.h.choices)))
                    elif self.lk and xs.cl[i][0]:
                        out.extend(("t", i, c) for c in self.release_choices(xs, i))
        can_fail = bool(self.h.fail_disks) and xs.fails < self.h.bounds["disk_failures"] and \
            m.dev.twodisk is not None and m.dev.twodisk.failed < 0
        for tid in m.threads:
            a = self.m.action(m, tid)
            if a is not None and a.enabled:
                out.extend(("t", tid, c) for c in range(a.nchoices))
                if can_fail and a.op == "MCALL":
                    d = self.failable(m, tid)
                    if d is not None:
                        out.append(("tf", tid, d))
        b = self.h.bounds
        if self.h.recover is not None:
            if xs.phase in ("init", "main") and (xs.crashes < b["crashes"] or xs.hcrashes < b["host_crashes"]):
                out.extend(("crash", j) for j in range(len(self.crash_outcomes(xs))))
            elif xs.phase == "check" and xs.hcrashes < b["host_crashes"]:
                # a power loss after recovery returned and the system ran on: what the crashed
                # generation left unsynced (and recovery relied on) may be lost only now
                out.extend(("crash", j) for j, o in enumerate(self.crash_outcomes(xs)) if o.host)
            elif xs.phase == "recover":
                if xs.rcrashes < b["recovery_crashes"]:
                    out.append(("crash",))
                if xs.hcrashes < b["host_crashes"]:
                    out.extend(("hcrash", i) for i in range(len(self.host_variants(m.dev))))
        return out

    def failable(self, m: State, tid: Any) -> int | None:
        """The disk a twodisk call at tid's next step uses, if it may fail: a failure is
        explored right before the first call that can observe it (moving a failure later,
        up to its first observer, changes nothing else: not even a crash, which keeps it)."""
        f = m.threads[tid].frames[-1]
        ins = f.code.instrs[f.pc]
        if ins[1] != "twodisk" or ins[2] not in ("Read", "Write"):
            return None
        d = f.stack[-ins[3]]
        return d if d in self.h.fail_disks else None

    def nops_of(self, i: int) -> int:
        if self.h.plans is not None:
            return len(self.h.plans[i])
        return self.nops

    def check_state(self, xs: XState) -> R.Violation | None:
        """Deadlock or leaked file descriptors in a state with no goroutine able to move."""
        m = xs.m
        live = [t for t in m.threads.values() if not t.done]
        if any(self.m.action(m, t.tid).enabled for t in live):  # type: ignore[union-attr]
            return None
        if xs.phase == "main" and any(
                (xs.hs[i][0] < self.nops_of(i) or (self.lk and xs.cl[i][0]))
                and (m.threads.get(i) is None or m.threads[i].done)
                for i in range(self.n)):
            return None  # an idle harness goroutine can still call an op (or must release a lock)
        if self.lk and xs.phase in ("main", "check") and self.misuse(xs) is not None:
            return None  # a client's misuse, pruned (transitions)
        blocked = [t for t in live if isinstance(t.tid, int) or t.tid in (RECOVERY, CHECKER, SETUP)]
        if blocked and self.lk and xs.phase == "main" and self.clients_deadlock(xs, blocked):
            return None
        if blocked:
            t = blocked[0]
            a = self.m.action(m, t.tid)
            assert a is not None
            return R.Violation(R.DEADLOCK, f"deadlock: every goroutine is blocked (goroutine {t.tid} waits at {a.op.lower()})",
                               a.file, a.span)
        if xs.phase in ("main", "done") and D.open_fds(m.dev):
            return R.Violation(R.FD_LEAK, f"{D.open_fds(m.dev)} file descriptor(s) left open when every op has returned")
        return None

    def execute(self, xs: XState, tr: tuple) -> tuple[XState, Any]:
        if xs.note:
            xs = xs.replace(note=())
        kind = tr[0]
        if kind == "crash":
            return self.after_crash(xs, tr[1]), ALL
        if kind == "tf":  # a disk fails, then the goroutine's call observes it
            _, tid, d = tr
            m = xs.m.copy()
            m.dev = D.fail_disk(m.dev, d)
            xs = xs.replace(m=m, fails=xs.fails + 1, _key=None)
            xs2, fp = self.execute(xs, ("t", tid, 0))
            fp.writes.add(("tdf",))
            return xs2, fp
        _, tid, c = tr
        th = xs.m.threads.get(tid)
        if xs.phase == "main" and isinstance(tid, int) and (th is None or th.done):
            return self.call(xs, tid, c)
        try:
            m, fp = self.m.step(xs.m, tid, c)
            if xs.phase != "main":
                m = self.solo(m, tid)
        except ExecError as e:
            raise Found(_address_bound(self.h, exec_violation(e))) from None
        fp.writes.add(("thr", tid))
        xs2 = xs.replace(m=m, _key=None)
        if self.lk and xs.cl:
            xs2.cl = self.unpin(xs.cl, m)
        th2 = m.threads[tid]
        if th2.done:
            xs2 = self.finished(xs2, tid, fp)
        return xs2, fp

    def call(self, xs: XState, tid: int, c: int) -> tuple[XState, Any]:
        done, _ = xs.hs[tid]
        op, args = self.call_of(xs, tid, c)
        cl = xs.cl
        if self.lk:
            self.paths.reads = set()
            cl = self.begin_locks(xs, tid, op, args)
            reads = self.paths.reads
        lin = self.h.lin.call(xs.lin, tid, op, args)
        m = self.start_op(xs.m, tid, op, args, xs.handle)
        fp = self.m.fp
        fp.reads.add(("linR",))
        fp.writes.add(("linC", tid))
        fp.writes.add(("thr", tid))
        if self.lk:
            fp.reads.update(reads)
        hs = xs.hs[:tid] + ((done, (op, args)),) + xs.hs[tid + 1:]
        xs2 = xs.replace(m=m, lin=lin, hs=hs, cl=cl, _key=None)
        if m.threads[tid].done:
            xs2 = self.finished(xs2, tid, fp)
        return xs2, fp

    def call_of(self, xs: XState, tid: int, c: int) -> tuple[str, tuple]:
        """The op call of transition ("t", tid, c) of an idle harness goroutine: its planned
        (or chosen) call, or, when it has made them all and holds locks, releasing choice c."""
        done, _ = xs.hs[tid]
        if self.h.plans is not None and done < len(self.h.plans[tid]):
            return self.h.plans[tid][done]
        return self.h.choices[c]

    # ------------------------------------------------------------ client locks

    def fresh_cl(self) -> tuple:
        """Client holdings when no client holds anything (after set-up, after a crash:
        locks are memory, lost with it)."""
        return tuple((_NONE, _NONE, _NONE) for _ in range(self.n + 1)) if self.lk else ()

    def _ci(self, tid: Any) -> int:
        return self.n if tid == CHECKER else tid

    def _env(self, xs: XState, op: str, args: tuple) -> dict:
        return env_of(self.h.locks[op], xs.handle, args)

    def lock_call(self, xs: XState, tid: Any, op: str, args: tuple) -> tuple[frozenset, frozenset, str]:
        """May client tid call op(args) now, by op's lock contract? (the mutexes it hands
        over, those the op promises to return holding, and "" or why not). A `requires
        locked(E)` needs E to name a mutex the client holds (a path with no value names none:
        no client can meet it); an op that returns holding a mutex it does not take from the
        client (`ensures locked(E)`, no `requires`) Locks it, so a client holding it may not
        call it. Other Locks of held mutexes are found when they happen (`misuse`)."""
        ol = self.h.locks.get(op)
        if ol is None:
            return _NONE, _NONE, ""
        held = xs.cl[self._ci(tid)][0]
        env = self._env(xs, op, args)
        req = []
        for e in ol.requires:
            a = self.paths.eval_mutex(xs.m, e, env)
            if a is None:
                return _NONE, _NONE, f"requires locked({show(e)}), which names no mutex here"
            if a not in held:
                return _NONE, _NONE, f"requires locked({show(e)}), which its client does not hold"
            req.append(a)
        ens = []
        for e in ol.ensures:
            a = self.paths.eval_mutex(xs.m, e, env)
            if a is None:
                continue  # evaluated again at the return (where it must name a held mutex)
            if a in held and a not in req:
                return _NONE, _NONE, (f"ensures locked({show(e)}), which its client holds already "
                                      "(the op would Lock it again)")
            ens.append(a)
        return frozenset(req), frozenset(ens), ""

    def release_choices(self, xs: XState, tid: Any) -> list[int]:
        """The calls that release a lock client tid holds, when it has made all its calls:
        ops that take a held lock (`requires locked(E)`) and do not give it back, with every
        argument from the domains that names one. None: ContractError (the spec gives its
        clients no way to release what they hold)."""
        out = []
        for c, (op, args) in enumerate(self.h.choices):
            ol = self.h.locks.get(op)
            if ol is None or not ol.requires:
                continue
            req, ens, why = self.lock_call(xs, tid, op, args)
            if not why and req - ens:
                out.append(c)
        if not out:
            held = xs.cl[self._ci(tid)][0]
            who = "the check phase" if tid == CHECKER else f"goroutine {tid}"
            raise ContractError(
                f"{who} holds {len(held)} lock(s) by its ops' `ensures locked(...)` after its last call, "
                "and no op (with arguments from the domains) releases one: an op with `requires locked(E)` "
                "and no `ensures locked(E)` is how a client lets go of a lock")
        return out

    def begin_locks(self, xs: XState, tid: Any, op: str, args: tuple) -> tuple:
        """Client holdings when client tid starts op(args): it hands the op its `requires
        locked` mutexes; the rest it keeps, pinned (a Lock of one by the op is misuse)."""
        req, _ens, why = self.lock_call(xs, tid, op, args)
        assert not why, why
        i = self._ci(tid)
        held = xs.cl[i][0]
        keep = held - req
        return xs.cl[:i] + ((held, keep, keep),) + xs.cl[i + 1:]

    def end_locks(self, xs: XState, tid: Any, op: str, args: tuple, fp: Any) -> tuple:
        """Client holdings when op(args) of client tid returns: what it kept, and the mutexes
        of the op's `ensures locked(E)` (evaluated now), each of which must be held by the op's
        goroutine: an op that returns without the lock it promises breaks its contract."""
        i = self._ci(tid)
        keep = xs.cl[i][1]
        ol = self.h.locks.get(op)
        if ol is not None and ol.ensures:
            env = self._env(xs, op, args)
            got = set()
            self.paths.reads = set()
            for e in ol.ensures:
                a = self.paths.eval_mutex(xs.m, e, env)
                if a is None or not held_by(xs.m, a, tid):
                    fd = self.h.pkg.funcs[self.h.impls[op].func]
                    who = "the check after recovery" if tid == CHECKER else f"goroutine {tid}"
                    what = "names no mutex" if a is None else "is not locked by it"
                    raise Found(R.Violation(
                        R.LOCK_CONTRACT, f"{op}{_args(args)} by {who} returned without holding the lock its "
                        f"`ensures locked({show(e)})` promises to its client ({show(e)} {what})",
                        fd.file, fd.name_span))
                got.add(a)
            if fp is not None:
                fp.reads.update(self.paths.reads)
            keep = keep | frozenset(got)
        return xs.cl[:i] + ((keep, keep, _NONE),) + xs.cl[i + 1:]

    def unpin(self, cl: tuple, m: State) -> tuple:
        """Forget pinned mutexes no longer held by their client's goroutine (an op that
        unlocked one may lock it again: a second Lock is then its own deadlock, not misuse)."""
        out = None
        for i, (held, keep, pin) in enumerate(cl):
            if pin:
                tid = CHECKER if i == self.n else i
                p2 = frozenset(a for a in pin if held_by(m, a, tid))
                if p2 != pin:
                    out = list(cl) if out is None else out
                    out[i] = (held, keep, p2)
        return cl if out is None else tuple(out)

    def misuse(self, xs: XState) -> tuple[Any, Any] | None:
        """(goroutine, mutex) when a client's op is at a Lock of a mutex its client holds
        and kept (not handed to the op)."""
        m = xs.m
        for i, (_held, _keep, pin) in enumerate(xs.cl):
            if not pin:
                continue
            tid = CHECKER if i == self.n else i
            th = m.threads.get(tid)
            a = _locking(th) if th is not None and not th.done else None
            if a is not None and a in pin and held_by(m, a, tid):
                return tid, a
        return None

    def clients_deadlock(self, xs: XState, blocked: list) -> bool:
        """Every blocked goroutine is an op of a client waiting to Lock a mutex another client
        holds by contract (an op's `ensures locked`, or handed to the op it runs): clients
        that take each other's locks in opposite orders (client 0 holds user 0's mailbox and
        picks up user 1's, client 1 the other way round). The contract lets clients hold
        locks across calls, so no implementation can prevent this: not a bug of the code, and
        the path is pruned. A wait on a mutex an op holds for itself (an internal lock), or on
        its own client's, is the code's and still reported."""
        m = xs.m
        for t in blocked:
            a = _locking(t) if isinstance(t.tid, int) else None
            if a is None:
                return False
            if not any(a in held and j != t.tid for j, (held, _k, _p) in enumerate(xs.cl[:self.n])):
                return False
            if m.heap.get(a) is None:
                return False
        return True

    def misuse_message(self, xs: XState, tid: Any, addr: Any) -> str:
        _, cur = xs.hs[tid]
        call = f"{cur[0]}{_args(cur[1])}" if cur is not None else "its op"
        a = self.m.action(xs.m, tid)
        where = f" ({a.file.rsplit('/', 1)[-1]}:{a.span.start.line + 1})" if a is not None and a.span is not None else ""
        return (f"the plan of goroutine {tid} breaks a lock contract: {call} Locks{where} a mutex its client "
                "holds from an earlier op's `ensures locked(...)` (Go mutexes are not reentrant; a client "
                "holding a lock may not call an op that takes it)")

    def start_op(self, m: State, tid: Any, op: str, args: tuple, handle: Any) -> State:
        impl = self.h.impls[op]
        call_args = ([handle] if impl.method else []) + list(args)
        try:
            m = self.m.start_thread(m, tid, impl.func, call_args)
            return self.solo(m, tid) if tid == CHECKER else m
        except ExecError as e:
            raise Found(_address_bound(self.h, exec_violation(e))) from None

    def solo(self, m: State, tid: Any) -> State:
        """With one goroutine left (recovery, the check phase), run its steps that touch
        only memory as one: nothing else can observe the steps in between (a crash there
        loses the same memory, and disk failures are explored at disk calls). Not for a
        goroutine recovery started (a flusher): left alone it may loop for ever."""
        if tid not in (RECOVERY, CHECKER):
            return m
        while True:
            if len(m.threads) != 1:
                return m
            a = self.m.action(m, tid)
            if a is None or not a.enabled or a.nchoices != 1 or a.op in ("MCALL", "LISTEND"):
                return m
            m, _ = self.m.step(m, tid, 0)

    def to_spec(self, m: State, v: Any, t: T.Type | None) -> Any:
        u = T.underlying(t) if t is not None else None
        if isinstance(u, T.Struct) and isinstance(v, tuple):  # a struct: its fields read out
            return tuple(self.to_spec(m, x, ft) for x, (_, ft) in zip(v, u.fields, strict=False))
        if isinstance(v, SliceV):
            u = T.underlying(t) if t is not None else None
            if v.arr is None:
                return b"" if isinstance(u, T.Slice) and T.underlying(u.elem) == T.BYTE else ()
            return self.m.to_plain(m, v)
        return self.m.to_plain(m, v)

    def finished(self, xs: XState, tid: Any, fp: Any) -> XState:
        """A goroutine's function returned: an op's return, recovery's end, or a check."""
        m = xs.m
        th = m.threads[tid]
        if isinstance(tid, int) and xs.phase == "main":
            done, cur = xs.hs[tid]
            assert cur is not None
            op, _args = cur
            ret = self.to_spec(m, th.result, self.ret_types.get(op))
            lin = self.h.lin.ret(xs.lin, tid, ret)
            if not lin:
                raise Found(self.refinement(xs, tid, op, _args, ret))
            fp.writes.add(("linR",))
            hs = xs.hs[:tid] + ((done + 1, None),) + xs.hs[tid + 1:]
            cl = self.end_locks(xs, tid, op, _args, fp) if self.lk else xs.cl
            return xs.replace(m=self.retire(m, tid, xs.handle), lin=lin, hs=hs, cl=cl, _key=None,
                              note=xs.note + (("return", tid, op, _args, ret, th.result is None),))
        if tid == SETUP and xs.phase == "init":
            handle = th.result
            m = self.retire(m, tid, handle)
            return xs.replace(m=m, phase="main", handle=handle, _key=None, note=xs.note + (("initialized",),))
        if tid == RECOVERY:
            handle = th.result
            m = self.retire(m, tid, handle)
            return xs.replace(m=m, phase="recovered", handle=handle, check_i=0, _key=None,
                              note=xs.note + (("recovered",),))
        if tid == CHECKER:
            releasing = False
            if xs.ccall is not None:
                op, args, releasing = xs.ccall
            else:
                op, args = self.h.check_calls[xs.check_i]
            ret = self.to_spec(m, th.result, self.ret_types.get(op))
            lin = self.h.lin.ret(xs.lin, tid, ret)
            if not lin:
                raise Found(self.refinement(xs, tid, op, args, ret))
            cl = self.end_locks(xs, tid, op, args, fp) if self.lk else xs.cl
            m = self.retire(m, tid, xs.handle)
            note = xs.note + (("return", tid, op, args, ret, th.result is None),)
            return self.next_check(xs.replace(m=m, lin=lin, check_i=xs.check_i + (0 if releasing else 1), cl=cl,
                                              ccall=None, _key=None, note=note))
        return xs

    def retire(self, m: State, tid: Any, handle: Any) -> State:
        """Forget a goroutine whose function returned, and the garbage it leaves."""
        m = m.copy()
        del m.w_threads()[tid]
        self.m.collect(m, [handle])
        return m

    def next_check(self, xs: XState) -> XState:
        """Start the check phase's next call. With lock contracts, the check phase is a
        client like the others (it starts holding nothing: a crash loses every lock): a call
        whose contract it cannot keep now (a `requires locked(E)` of a lock it does not hold,
        an `ensures locked(E)` of one it holds) is skipped, and after the last call it
        releases what it holds (the first releasing call each time)."""
        end = len(self.h.check_calls)
        releasing = False
        while True:
            if xs.check_i >= end:
                if not (self.lk and xs.cl[self.n][0]):
                    return xs.replace(phase="done", _key=None)
                op, args = self.h.choices[self.release_choices(xs, CHECKER)[0]]
                releasing = True
                break
            op, args = self.h.check_calls[xs.check_i]
            if not self.lk or not self.lock_call(xs, CHECKER, op, args)[2]:
                break
            xs = xs.replace(check_i=xs.check_i + 1, _key=None)
        cl = self.begin_locks(xs, CHECKER, op, args) if self.lk else xs.cl
        lin = self.h.lin.call(xs.lin, CHECKER, op, args)
        m = self.start_op(xs.m, CHECKER, op, args, xs.handle)
        xs2 = xs.replace(m=m, lin=lin, cl=cl, ccall=(op, args, releasing) if self.lk else None, _key=None,
                         note=xs.note + (("call", CHECKER, op, args),))
        if m.threads[CHECKER].done:
            return self.finished(xs2, CHECKER, Footprint())
        return xs2

    def host_variants(self, dev: D.Devices) -> list[tuple[D.Devices, list[str]]]:
        """The machines a host crash of dev may leave (cached per device state)."""
        v = self._host_cache.get(dev)
        if v is None:
            if len(self._host_cache) > 20_000:
                self._host_cache.clear()
            v = self._host_cache[dev] = dev.host_outcomes()
        return v

    def crash(self, xs: XState, dev: D.Devices, host: bool) -> XState:
        """The state right after a crash that left the devices dev: recovery about to run.
        The history checker's configurations are left alone (the caller applies the spec's
        crash step, once per crash)."""
        m = State(dev)
        m.gen = xs.m.gen + 1
        if host:
            xs2 = xs.replace(hcrashes=xs.hcrashes + 1)
        elif xs.phase in ("init", "main"):
            xs2 = xs.replace(crashes=xs.crashes + 1)
        else:
            xs2 = xs.replace(rcrashes=xs.rcrashes + 1)
        assert self.h.recover is not None
        try:
            m = self.solo(self.m.start_thread(m, RECOVERY, self.h.recover, list(self.h.recover_args)),
                          RECOVERY)
        except ExecError as e:
            raise Found(_address_bound(self.h, exec_violation(e))) from None
        xs2 = xs2.replace(m=m, phase="recover", hs=tuple((0, None) for _ in range(self.n)),
                          handle=None, check_i=0, cl=self.fresh_cl(), ccall=None, _key=None)
        if m.threads[RECOVERY].done:
            xs2 = self.finished(xs2, RECOVERY, Footprint())
        return xs2

    def crash_outcomes(self, xs: XState) -> list[Outcome]:
        """Every way a crash in the main phase can end: a process crash (if the bound allows
        one) and a host crash to each machine it may leave (if the bound allows one), each
        followed by every way recovery can end. Memoized on the durable state: recovery does
        not depend on the history. Recovery is explored exhaustively, with its own crashes
        and disk failures; undefined behaviour, panics and deadlocks in it raise Found with
        the recovery steps as `subpath`."""
        key = (self._durable(xs.m.dev), xs.fails, xs.crashes, xs.hcrashes)
        out = self._rec_memo.get(key)
        if out is None:
            b = self.h.bounds
            base = xs.replace(lin=_NOLIN)
            out = []
            if xs.crashes < b["crashes"]:
                out += self._recover_all(base, ("crash",), xs.m.dev.crash(False), False, ())
            if xs.hcrashes < b["host_crashes"]:
                for i, (dev, lost) in enumerate(self.host_variants(xs.m.dev)):
                    out += self._recover_all(base, ("hcrash", i), dev, True, tuple(lost))
            self._rec_memo[key] = out
        return out

    def _recover_all(self, xs: XState, tr: tuple, dev: D.Devices, host: bool, lost: tuple) -> list[Outcome]:
        entry = self.crash(xs, dev, host)
        found: dict[tuple, Outcome] = {}
        try:
            self._rec_dfs(entry, [], set(), found)
        except Found as f:
            f.subpath = [(xs, tr, entry)] + f.subpath
            raise
        # Plainest first: fewest crashes, then shortest (traces show the first that fails).
        outs = sorted(found.values(), key=lambda o: (o.state.rcrashes + o.state.hcrashes, len(o.path)))
        return [Outcome(o.state, o.path, host, lost) for o in outs]

    def _durable(self, dev: Any) -> tuple:
        """What survives a process crash of a machine with these devices, durability
        included (so it decides host crashes too; cached per device state)."""
        k = self._dur_cache.get(dev)
        if k is None:
            if len(self._dur_cache) > 100_000:
                self._dur_cache.clear()
            k = self._dur_cache[dev] = dev.crash(False).key()
        return k

    def _rec_dfs(self, xs: XState, path: list, seen: set, found: dict) -> None:
        if xs.phase == "recovered":
            k = (xs.m.key(), xs.fails, xs.rcrashes, xs.hcrashes, xs.handle)
            if k not in found:
                found[k] = Outcome(xs, list(path))
            return
        k = (xs.m.key(), xs.fails, xs.rcrashes, xs.hcrashes)
        if k in seen:
            return
        seen.add(k)
        self.rec_states += 1
        trs = self.transitions(xs)
        if not any(t[0] not in ("crash", "hcrash") for t in trs):
            v = self.check_state(xs)
            if v is not None:
                f = Found(v)
                f.subpath = list(path)
                raise f
        for tr in trs:
            try:
                if tr[0] == "crash":
                    xs2 = self.crash(xs, xs.m.dev.crash(False), False)
                elif tr[0] == "hcrash":
                    xs2 = self.crash(xs, self.host_variants(xs.m.dev)[tr[1]][0], True)
                else:
                    xs2, _ = self.execute(xs, tr)
            except Found as f:
                f.subpath = list(path) + [(xs, tr, None)] + f.subpath
                raise
            path.append((xs, tr, xs2))
            self._rec_dfs(xs2, path, seen, found)
            path.pop()

    @staticmethod
    def crash_steps(xs: XState, o: Outcome) -> int:
        """How many crashes (the spec's crash step each) outcome o of a crash from xs took."""
        return (o.state.crashes - xs.crashes) + o.state.rcrashes + (o.state.hcrashes - xs.hcrashes)

    def crash_key(self, xs: XState, j: int) -> tuple:
        """Everything the crash transition ("crash", j) from xs depends on: the durable state
        (through recovery's memo), the outcome, and the history checker's configurations."""
        key = (self._durable(xs.m.dev), xs.fails, xs.crashes, xs.hcrashes)
        o = self._rec_memo[key][j]
        lin = xs.lin
        for _ in range(self.crash_steps(xs, o)):
            lin = self.h.lin.crash(lin)
        return (key, j, lin)

    def after_crash(self, xs: XState, j: int) -> XState:
        """The state after crash transition ("crash", j): recovery outcome j, the spec's crash
        step applied once per crash, and the check phase started."""
        o = self.crash_outcomes(xs)[j]
        lin = xs.lin
        for _ in range(self.crash_steps(xs, o)):
            lin = self.h.lin.crash(lin)
        st = o.state.replace(lin=lin, phase="check", _key=None, note=())
        return self.next_check(st)

    def refinement(self, xs: XState, tid: Any, op: str, args: tuple, ret: Any) -> R.Violation:
        from armada_ls.explore.render import show_call, show_value

        allowed = self.h.lin.expected(xs.lin, tid)
        impl = self.h.impls[op]
        fd = self.h.pkg.funcs[impl.func]
        who = "the check after recovery" if tid == CHECKER else f"goroutine {tid}"
        if allowed:
            want = " or ".join(show_value(a) for a in allowed[:4])
            msg = f"{show_call(op, args)} by {who} returned {show_value(ret)}; the spec allows {want}"
        else:
            msg = f"{show_call(op, args)} by {who} returned {show_value(ret)}; the spec allows no result here (the op cannot take effect between its call and return)"
        return R.Violation(R.REFINEMENT, msg, fd.file, fd.name_span)


def _locking(th: Any) -> Any:
    """The address of the mutex thread th is about to Lock, or None."""
    if not th.frames:
        return None
    f = th.frames[-1]
    if f.code.instrs[f.pc][0] != "LOCK" or not f.stack or f.stack[-1] is None:
        return None
    return f.stack[-1].addr


def _args(args: tuple) -> str:
    from armada_ls.explore.render import show_value

    return "(" + ", ".join(show_value(a) for a in args) + ")"
