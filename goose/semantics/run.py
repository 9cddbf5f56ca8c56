"""Run a Goose function to completion under a simple scheduler (for tests and the corpus).

The scheduler is round-robin or seeded-random over enabled goroutines, and nondeterministic
choices (map iteration order, random numbers) are made by the same random source. The
explorer (armada_ls.explore) is what covers every schedule; this runner covers one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from goose import ir
from goose.semantics import devices as D
from goose.semantics.compile import compile_package
from goose.semantics.errors import ExecError
from goose.semantics.machine import Machine
from goose.semantics.state import State


@dataclass
class Outcome:
    state: State
    result: Any = None
    error: ExecError | None = None
    deadlock: bool = False
    steps: int = 0


def run_function(pkg: ir.Package, func: str, args: list[Any] | None = None, seed: int | None = None,
                 devices: D.Devices | None = None, max_steps: int = 1_000_000) -> Outcome:
    """Call pkg's `func(args)` on a fresh machine and run every goroutine it starts."""
    m = Machine(compile_package(pkg))
    rng = random.Random(seed) if seed is not None else None
    st = State(devices or D.Devices())
    try:
        st = m.start_thread(st, 0, func, list(args or []))
    except ExecError as e:
        return Outcome(st, error=e)
    steps = 0
    rr = 0
    while True:
        acts = [a for t in sorted(st.threads, key=str) if (a := m.action(st, t)) is not None]
        if not acts:
            break
        enabled = [a for a in acts if a.enabled]
        if not enabled:
            if st.threads[0].done:
                break  # main returned: Go exits without waiting for blocked goroutines
            return Outcome(st, deadlock=True, steps=steps)
        if rng is None:
            a = enabled[rr % len(enabled)]
            rr += 1
            choice = 0
        else:
            a = rng.choice(enabled)
            choice = rng.randrange(a.nchoices)
        try:
            st, _ = m.step(st, a.tid, choice)
        except ExecError as e:
            return Outcome(st, error=e, steps=steps)
        steps += 1
        if steps > max_steps:
            raise RuntimeError(f"{func} ran for more than {max_steps} steps")
    return Outcome(st, result=st.threads[0].result, steps=steps)
