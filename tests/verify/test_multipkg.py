"""Programs of several packages of one Go module (tests/verify/multipkg/<program>/<package>):
a call into another package is verified against that package's exported contract. Every
package says what it expects: `EXPECT verified`, `EXPECT fail <kind> at line <n>`, or
`EXPECT unknown <reason>` (every function that calls into another package is unknown, with
that reason, and nothing fails). Found by listing the tree, like the proofs."""

from __future__ import annotations

import glob
import os
import re

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import check, describe, run

HERE = os.path.dirname(__file__)
PACKAGES = sorted(d for d in glob.glob(os.path.join(HERE, "multipkg", "*", "*", ""))
                  if glob.glob(os.path.join(d, "*.go")))
_UNKNOWN = re.compile(r"//\s*EXPECT\s+unknown\s+(.+)")


def _name(d: str) -> str:
    return os.path.relpath(d, os.path.join(HERE, "multipkg")).rstrip("/")


def _unknown(directory: str) -> str | None:
    for path in glob.glob(os.path.join(directory, "*.go")):
        with open(path) as f:
            m = _UNKNOWN.search(f.read())
        if m:
            return m.group(1).strip()
    return None


def test_there_are_programs_of_several_shapes() -> None:
    programs = {_name(d).split("/")[0] for d in PACKAGES}
    assert {"handover", "counter", "unknown"} <= programs, programs


@pytest.mark.parametrize("directory", PACKAGES, ids=_name)
def test_package(directory: str) -> None:
    reason = _unknown(directory)
    if reason is None:
        check(directory)
        return
    results = run(directory)
    text = describe(results)
    assert not any(o.status is Status.FAILED for r in results for o in r.obligations), text
    unknown = [r for r in results if r.status is Status.UNKNOWN]
    assert unknown and all(reason in (r.error or "") for r in unknown), text


def test_functions_reaching_a_device_of_another_package_make_their_callers_forget_durable_state() -> None:
    """A function of the caller's package that calls (directly or not) into a package using
    a device touches durable state: its callers interfere after calling it, as after any
    function that touches disks."""
    from types import SimpleNamespace

    from armada_ls.verify.imports import reaches_devices
    from armada_ls.verify.load import load

    root = os.path.join(HERE, "..", "..")
    top = load(os.path.join(root, "proofs", "layered", "top")).package
    ex = SimpleNamespace(ctx=SimpleNamespace(pkg=top))
    assert reaches_devices(ex, "Top.Save") and reaches_devices(ex, "Recover")  # the store's disk
    app = load(os.path.join(HERE, "multipkg", "counter", "app")).package
    ex = SimpleNamespace(ctx=SimpleNamespace(pkg=app))
    assert not reaches_devices(ex, "App.Bump")  # ctr keeps nothing durable
