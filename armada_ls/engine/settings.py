"""Settings shared by the language server and the CLI (docs/lsp-contract.md, section `armada`).

Accepts the nested form VS Code sends (`{"explore": {"crashes": 1}}`), the flattened form
(`{"explore.crashes": 1}`) and a wrapper `{"armada": {...}}`; unknown keys and bad values are
ignored, so a typo in an editor's settings can never take the server down.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

VERIFY_ON = ("change", "save", "never")


@dataclass(frozen=True)
class ExploreBounds:
    goroutines: int = 2
    opsEach: int = 2
    crashes: int = 1
    diskFailures: int = 1
    addresses: int = 2
    values: int = 2

    def changed(self) -> dict[str, int]:
        """The bounds set away from the defaults (the rest come from `//@ explore`)."""
        default = ExploreBounds().as_dict()
        return {k: v for k, v in self.as_dict().items() if default[k] != v}

    def as_dict(self) -> dict[str, int]:
        return {
            "goroutines": self.goroutines,
            "ops_each": self.opsEach,
            "crashes": self.crashes,
            "disk_failures": self.diskFailures,
            "addresses": self.addresses,
            "values": self.values,
        }


_BOUND_MIN = {"goroutines": 1, "opsEach": 0, "crashes": 0, "diskFailures": 0, "addresses": 1, "values": 1}


@dataclass(frozen=True)
class Settings:
    verifyOn: str = "change"
    debounceMs: int = 500
    timeoutMs: int = 10000
    functionTimeoutMs: int = 60000
    jobs: int = 2
    explore: ExploreBounds = field(default_factory=ExploreBounds)
    # send `armada/published` {uri, version, analysed} after each publication (tests, benchmarks)
    reportAnalysed: bool = False

    def updated(self, raw: Any) -> Settings:
        """These settings with the valid entries of `raw` applied."""
        if not isinstance(raw, dict):
            return self
        if isinstance(raw.get("armada"), dict):
            raw = raw["armada"]
        flat = _flatten(raw)
        out = self
        if flat.get("verifyOn") in VERIFY_ON:
            out = replace(out, verifyOn=flat["verifyOn"])
        if isinstance(flat.get("reportAnalysed"), bool):
            out = replace(out, reportAnalysed=flat["reportAnalysed"])
        for key, lo in (("debounceMs", 0), ("timeoutMs", 1), ("functionTimeoutMs", 1), ("jobs", 1)):
            value = _count(flat.get(key), lo)
            if value is not None:
                out = replace(out, **{key: value})
        bounds = out.explore
        for key, lo in _BOUND_MIN.items():
            value = _count(flat.get(f"explore.{key}"), lo)
            if value is not None:
                bounds = replace(bounds, **{key: value})
        return replace(out, explore=bounds)


def _flatten(raw: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _count(value: Any, lo: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return max(lo, int(value))
