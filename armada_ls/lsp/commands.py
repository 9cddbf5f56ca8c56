"""workspace/executeCommand: armada.verifyFile, armada.verifyFunction, armada.explore,
armada.showModel. Each asks the engine, waits for its future, and returns plain JSON."""

from __future__ import annotations

import asyncio
from typing import Any

from armada_ls.engine import backends, queries
from armada_ls.lsp.convert import to_path
from armada_ls.lsp.progress import RunProgress
from armada_ls.lsp.server import ArmadaServer


def _arg(args: tuple[Any, ...], i: int) -> Any:
    if i < len(args):
        a = args[i]
        return a.get("uri", a) if isinstance(a, dict) and i == 0 else a
    return None


def _summary(run: Any, snap: Any, names: list[str]) -> dict[str, Any]:
    c = run.counts()
    broken = [q for q in names if q in snap.broken]
    out: dict[str, Any] = {**c, "notVerified": len(broken), "cancelled": run.cancelled and run.done < run.total}
    errors = sorted({r.error for r in run.results.values() if r.error})
    if errors:
        out["message"] = "; ".join(errors)
    elif broken:
        out["message"] = "not verified (front-end or annotation errors): " + ", ".join(broken)
    return out


async def verify_file(ls: ArmadaServer, *args: Any) -> dict[str, Any]:
    path = to_path(str(_arg(args, 0)))
    snap = ls.engine.snapshot(ls.directory_of(path))
    names = [f.qualified for f in queries.functions_in(snap, path)]
    if snap.pkg is not None:  # `go func(){...}` bodies of this file too
        names += [q for q, f in snap.pkg.funcs.items() if f.synthetic and snap.file_of(q) == path]
    run = ls.engine.verify(snap, names)
    await asyncio.wrap_future(run.future)
    ls.publish(snap.directory)
    return _summary(run, snap, names)


async def verify_function(ls: ArmadaServer, *args: Any) -> dict[str, Any]:
    path = to_path(str(_arg(args, 0)))
    name = str(_arg(args, 1) or "")
    snap = ls.engine.snapshot(ls.directory_of(path))
    if snap.pkg is None or name not in snap.pkg.funcs:
        return {"proved": 0, "failed": 0, "unknown": 0, "message": f"no function {name!r} here"}
    run = ls.engine.verify(snap, [name])
    await asyncio.wrap_future(run.future)
    ls.publish(snap.directory)
    out = _summary(run, snap, [name])
    r = run.results.get(name)
    if r is not None:
        out.update(function=name, status=r.status.value, obligations=len(r.obligations), timeMs=r.time_ms)
    return out


async def explore(ls: ArmadaServer, *args: Any) -> dict[str, Any]:
    path = to_path(str(_arg(args, 0)))
    snap = ls.engine.snapshot(ls.directory_of(path))
    loop = asyncio.get_running_loop()
    cancel_box: list[Any] = []
    progress = RunProgress(ls, "Armada: exploring", lambda: cancel_box and cancel_box[0]())

    def on_progress(p: Any) -> None:
        loop.call_soon_threadsafe(progress.report, _progress_text(p))

    fut, cancel = ls.engine.explore(snap, on_progress=on_progress)
    cancel_box.append(cancel)
    ls.exploring += 1
    ls.send_status()
    ls.spawn(progress.start("starting"))
    try:
        outcome = await asyncio.wrap_future(fut)
    finally:
        ls.exploring -= 1
    n = len(outcome.diagnostics)
    progress.end(outcome.error or f"{n} findings")
    ls.publish(snap.directory)
    ls.send_status()
    if outcome.error:
        return {"ok": False, "findings": 0, "message": outcome.error}
    return {"ok": n == 0, "findings": n,
            "message": "; ".join(d.message for d in outcome.diagnostics) or "no violations within the bounds"}


def _progress_text(p: Any) -> str:
    if isinstance(p, dict):
        return ", ".join(f"{k} {v}" for k, v in p.items())
    return str(p)


def show_model(ls: ArmadaServer, *args: Any) -> str:
    path = to_path(str(_arg(args, 0)))
    snap = ls.engine.snapshot(ls.directory_of(path))
    printer = backends.model_printer()
    if snap.pkg is None:
        return "// the package has no model: " + ("; ".join(snap.notes) or "fix the syntax errors first")
    if printer is None:
        return "// the Goose model printer is not available"
    return str(printer(snap.pkg))
