"""The engine shared by the language server and the CLI (see service.Engine).

Code map (each module has one job):

- `settings`   the `armada` settings, parsed leniently (bad values are ignored).
- `backends`   guarded access to the front end, annotations, verifier, explorer: a missing or
               half-written component is *unavailable*, never a success.
- `text`       the editor's text with LSP's line and UTF-16 rules; byte <-> LSP positions.
- `documents`  open documents (LSP text + the SourceFile last analysed + version) and
               package files read from disk.
- `analysis`   front end + annotations -> an immutable `Snapshot` tagged with the versions it
               saw; marks functions with errors as not verifiable.
- `keys`       the cache key of a function: its text and everything it depends on (callee
               contracts, package annotations, structs/lock invariants, constants, timeout,
               tool version); positions are not part of it.
- `remap`      moves a cached result's spans to where its function is now.
- `cache`      results by key, in memory and optionally on disk (`.armada-cache/<tool>/`).
- `workers`    long-lived worker processes with hard deadlines (SIGKILL) and cancellation.
- `tasks`      what runs inside a worker (verify one function, explore a package).
- `scheduler`  runs: cache lookups, one job per key shared between runs, supersession of
               stale runs, events for progress.
- `convert`    results -> `goose.diagnostics.Diagnostic` (codes, related locations, fixes).
- `queries`    position queries for hover and lenses.
- `report`     JSON and SARIF 2.1.0 for the CLI.
- `service`    `Engine`: the API both front ends use.

Invariants: nothing here imports pygls or lsprotocol; a result is only ever shown against
the snapshot whose key it was computed for; an unavailable or crashed verifier yields
UNKNOWN, never PROVED.
"""

from armada_ls.engine.analysis import Snapshot
from armada_ls.engine.documents import InvalidEdit
from armada_ls.engine.scheduler import Run
from armada_ls.engine.service import Engine, ExploreOutcome, FunctionStatus
from armada_ls.engine.settings import ExploreBounds, Settings

__all__ = ["Engine", "ExploreBounds", "ExploreOutcome", "FunctionStatus", "InvalidEdit", "Run", "Settings", "Snapshot"]
