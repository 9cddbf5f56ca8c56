"""The engine shared by the language server and the CLI (see service.Engine)."""

from armada_ls.engine.analysis import Snapshot
from armada_ls.engine.scheduler import Run
from armada_ls.engine.service import Engine, ExploreOutcome, FunctionStatus
from armada_ls.engine.settings import ExploreBounds, Settings

__all__ = ["Engine", "ExploreBounds", "ExploreOutcome", "FunctionStatus", "Run", "Settings", "Snapshot"]
