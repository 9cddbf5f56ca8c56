"""The verifier asks Z3 the same queries, in the same order, whatever Python's hash seed.

Z3's search depends on a query's text and on the queries its context saw before, and the
seed decides the order of every set and of some dicts: a loop head that made its fresh
values in set order, and a spec step's fields checked in dict order, once made Mailboat's
seeded bug init-one-directory fail in 2 s under one seed and come back unknown under
another. Mailboat's Init (loops with several written variables, spec steps changing two
fields) is verified under two seeds, side by side, and its query streams compared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
import hashlib, sys
import armada_ls.verify.solver as S
from armada_ls.verify.api import verify_function
from armada_ls.verify.load import load

h, n, smtlib = hashlib.sha256(), [0], S.smtlib
def recorded(path, neg):
    text = smtlib(path, neg)
    h.update(text.encode()); n[0] += 1
    return text
S.smtlib = recorded
loaded = load(sys.argv[1])
verify_function(loaded.package, loaded.annotations, "Init", 10000)
print(n[0], h.hexdigest())
"""


def test_queries_do_not_depend_on_the_hash_seed() -> None:
    runs = [subprocess.Popen([sys.executable, "-c", _SCRIPT, str(ROOT / "mailboat")], cwd=ROOT,
                             env={**os.environ, "PYTHONHASHSEED": seed}, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for seed in ("1", "2")]
    outs = []
    for p in runs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        outs.append(out.split())
    assert int(outs[0][0]) > 100, outs  # Init asks hundreds of queries
    assert outs[0] == outs[1], outs
