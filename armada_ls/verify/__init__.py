"""The verifier: symbolic execution of the Goose IR with Z3 (see api.py for the modes and
ARCHITECTURE.md for where it sits). Public API: `verify_function`, `verify_package`."""

from .api import verify_function, verify_package

__all__ = ["verify_function", "verify_package"]
