"""The mutation operators, one by one, on a small annotated package: each produces exactly
the text change it describes, ids are stable, and generation is deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.soundness import mutate as M

ROOT = Path(__file__).resolve().parents[2]

SRC = """\
package small

import (
\t"sync"

\t"armada/goose/machine/twodisk"
)

const N uint64 = 4

//@ crash_inv forall a uint64 :: a < N ==> twodisk.D1[a] == twodisk.D2[a] && Reg.v[a] == twodisk.D1[a]

type S struct {
\tmu *sync.Mutex //@ lock_inv lease(twodisk.D1[0]) && lease(twodisk.D2[0])
\tlocks []*sync.Mutex
}

// @ implements Reg.Put
// @ requires a < N
func (s *S) Put(a uint64, v twodisk.Block) {
\ts.mu.Lock()
\ttwodisk.Write(twodisk.Disk1, a, v) //@ helping Reg.Put(a, v)
\ttwodisk.Write(twodisk.Disk2, a, v) //@ linearize
\ts.mu.Unlock()
}

func (s *S) Get(a uint64) twodisk.Block {
\ts.locks[a].Lock()
\tv, ok := twodisk.Read(twodisk.Disk1, a)
\tif ok {
\t\ts.locks[a].Unlock()
\t\treturn v
\t}
\ts.locks[a].Unlock()
\treturn v
}
"""


@pytest.fixture(scope="module")
def mutants() -> list[M.Mutant]:
    return M.mutants_of_file("pkg/small", "small.go", SRC)


def find(ms: list[M.Mutant], operator: str, contains: str) -> M.Mutant:
    hits = [m for m in ms if m.operator == operator and contains in m.description]
    assert hits, f"no {operator} mutant whose description has {contains!r}: " + \
        "; ".join(m.description for m in ms if m.operator == operator)
    return hits[0]


def changed(m: M.Mutant) -> tuple[list[str], list[str]]:
    """Lines removed and lines added by the mutant (diff bodies, without the markers)."""
    minus = [ln[1:] for ln in m.diff().splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln[1:] for ln in m.diff().splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    return minus, plus


def test_swap_disk(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "swap-disk", "Put: twodisk.Disk1 -> twodisk.Disk2")
    assert changed(m) == (["\ttwodisk.Write(twodisk.Disk1, a, v) //@ helping Reg.Put(a, v)"],
                          ["\ttwodisk.Write(twodisk.Disk2, a, v) //@ helping Reg.Put(a, v)"])
    assert m.kind == M.KIND_CODE and m.id == "small/swap-disk@L22"


def test_drop_lock_and_unlock(mutants: list[M.Mutant]) -> None:
    assert changed(find(mutants, "drop-lock", "Put: drop `s.mu.Lock()`")) == (["\ts.mu.Lock()"], [])
    assert changed(find(mutants, "drop-unlock", "Put: drop `s.mu.Unlock()`")) == (["\ts.mu.Unlock()"], [])


def test_drop_statement_takes_its_trailing_annotation(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "drop-stmt", "Put: drop `twodisk.Write(twodisk.Disk2, a, v)")
    assert changed(m) == (["\ttwodisk.Write(twodisk.Disk2, a, v) //@ linearize"], [])


def test_move_unlock_up(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "move-unlock", "Put: move `s.mu.Unlock()` up 1")
    assert "\ts.mu.Unlock()\n\ttwodisk.Write(twodisk.Disk2, a, v) //@ linearize\n}" in m.mutated
    m2 = find(mutants, "move-unlock", "Put: move `s.mu.Unlock()` up 2")
    assert "\ts.mu.Lock()\n\ts.mu.Unlock()\n\ttwodisk.Write(twodisk.Disk1" in m2.mutated


def test_move_lock_down(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "move-lock", "Put: move `s.mu.Lock()` down 1")
    assert "{\n\ttwodisk.Write(twodisk.Disk1, a, v) //@ helping Reg.Put(a, v)\n\ts.mu.Lock()\n" in m.mutated


def test_move_statement(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "move-stmt", "Get: move `v, ok := twodisk.Read(twodisk.Disk1, a)` down 1")
    assert "\tif ok {\n\t\ts.locks[a].Unlock()\n\t\treturn v\n\t}\n\tv, ok := twodisk.Read" in m.mutated


def test_bound_index_and_constant(mutants: list[M.Mutant]) -> None:
    # Code only: the `a < N` of the crash invariant is an annotation (operators below).
    assert not [m for m in mutants if m.operator == "bound" and "a < N" in m.description]
    m = find(mutants, "index", "Get: index a -> (a)+1")
    assert changed(m) == (["\ts.locks[a].Lock()"], ["\ts.locks[(a)+1].Lock()"])
    m = find(mutants, "index", "Put: index a -> (a)-1")
    assert changed(m)[1] == ["\ttwodisk.Write(twodisk.Disk1, (a)-1, v) //@ helping Reg.Put(a, v)"]
    assert changed(find(mutants, "const", "constant 4 -> 3")) == (["const N uint64 = 4"], ["const N uint64 = 3"])
    assert changed(find(mutants, "const", "constant 4 -> 5"))[1] == ["const N uint64 = 5"]


def test_negate_condition(mutants: list[M.Mutant]) -> None:
    assert changed(find(mutants, "negate-cond", "Get: if ok")) == (["\tif ok {"], ["\tif !(ok) {"])


def test_alias_unlock_in_place_and_moved_up(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "alias-unlock", "Put: unlock s.mu through an alias, in place")
    assert changed(m) == (["\ts.mu.Unlock()"], ["\tsmu24 := s.mu", "\tsmu24.Unlock()"])
    m = find(mutants, "alias-unlock", "moved up before line 22")
    assert "\ts.mu.Lock()\n\tsmu24 := s.mu\n\tsmu24.Unlock()\n\ttwodisk.Write(twodisk.Disk1" in m.mutated


def test_helper_unlock(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "helper-unlock", "Put: unlock s.mu in a helper, in place")
    assert "\tsoundnessRelease(s.mu)\n}" in m.mutated
    assert m.mutated.endswith("func soundnessRelease(m *sync.Mutex) {\n\tm.Unlock()\n}\n")


def test_fresh_struct_for_a_field_and_for_a_slice(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "fresh-struct", "Put: lock fresh.mu of a fresh S instead of s.mu")
    assert changed(m) == (["\ts.mu.Lock()", "\ts.mu.Unlock()"],
                          ["\tfresh := &S{mu: new(sync.Mutex)}", "\tfresh.mu.Lock()", "\tfresh.mu.Unlock()"])
    m = find(mutants, "fresh-struct", "Get: lock fresh.locks[a]")
    assert "\tflocks := make([]*sync.Mutex, (a)+1)\n\tflocks[a] = new(sync.Mutex)\n\tfresh := &S{locks: flocks}\n" \
           "\tfresh.locks[a].Lock()\n" in m.mutated
    assert m.mutated.count("fresh.locks[a].Unlock()") == 2


def test_drop_clause_conjunct_and_weaken_to_true(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "drop-clause", "drop `crash_inv")
    assert changed(m)[1] == [] and m.kind == M.KIND_ANNOTATION
    m = find(mutants, "drop-clause", "drop `requires a < N`")
    assert changed(m) == (["// @ requires a < N"], [])
    m = find(mutants, "drop-conjunct", "lock_inv")
    assert changed(m)[1] == ["\tmu *sync.Mutex //@ lock_inv lease(twodisk.D2[0])"]
    weaker = [changed(x)[1] for x in mutants if x.operator == "drop-conjunct" and "crash_inv" in x.description]
    assert ["//@ crash_inv forall a uint64 :: a < N ==> twodisk.D1[a] == twodisk.D2[a]"] in weaker
    m = find(mutants, "clause-true", "crash_inv -> crash_inv true")
    assert changed(m)[1] == ["//@ crash_inv true"]


def test_drop_and_move_ghost(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "drop-ghost", "drop `linearize`")
    assert changed(m) == (["\ttwodisk.Write(twodisk.Disk2, a, v) //@ linearize"], ["\ttwodisk.Write(twodisk.Disk2, a, v)"])
    m = find(mutants, "move-ghost", "`//@ linearize` moved down")
    assert "\ttwodisk.Write(twodisk.Disk2, a, v)\n\ts.mu.Unlock() //@ linearize\n" in m.mutated


def test_requires_false_alone_and_with_broken_code(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "requires-false", "Put: add")
    assert "// @ requires a < N\n//@ requires false\nfunc (s *S) Put" in m.mutated
    c = find(mutants, "requires-false+drop-unlock", "Put: drop `s.mu.Unlock()`")
    assert c.kind == M.KIND_BOTH and "//@ requires false\nfunc (s *S) Put" in c.mutated
    assert "\ts.mu.Unlock()\n}" not in c.mutated.split("func (s *S) Get")[0]


def test_ids_are_unique_stable_and_generation_deterministic(mutants: list[M.Mutant]) -> None:
    ids = [m.id for m in mutants]
    assert len(ids) == len(set(ids))
    again = M.mutants_of_file("pkg/small", "small.go", SRC)
    assert [(m.id, m.mutated) for m in again] == [(m.id, m.mutated) for m in mutants]
    assert all(m.mutated != SRC for m in mutants)
    assert len({m.mutated for m in mutants}) == len(mutants)


def test_sample_is_seeded_and_covers_every_operator(mutants: list[M.Mutant]) -> None:
    ops = {m.operator for m in mutants}
    s1 = M.sample(mutants, len(ops), seed=7)
    assert {m.operator for m in s1} == ops
    assert [m.id for m in M.sample(mutants, 10, seed=7)] == [m.id for m in M.sample(mutants, 10, seed=7)]
    assert [m.id for m in M.sample(mutants, 10, seed=7)] != [m.id for m in M.sample(mutants, 10, seed=8)]


def test_every_proof_package_is_discovered_and_gives_hundreds_of_mutants() -> None:
    found = M.proof_packages(str(ROOT))
    on_disk = sorted(str(p.parent.relative_to(ROOT)) for p in (ROOT / "proofs").rglob("*.go")
                     if not p.name.endswith("_test.go") and "testdata" not in p.parts)
    assert found == sorted(set(on_disk))
    ms = M.all_mutants(str(ROOT))
    assert len(ms) >= 300
    assert {m.package for m in ms} >= {str(ROOT / p) for p in found}


def test_mutant_writes_the_whole_package(tmp_path: Path) -> None:
    pkg = tmp_path / "two"
    pkg.mkdir()
    (pkg / "a.go").write_text("package two\n\nfunc A() uint64 {\n\treturn 1\n}\n")
    (pkg / "b.go").write_text("package two\n\nfunc B() uint64 {\n\treturn 2\n}\n")
    (pkg / "b_test.go").write_text("package two\n")
    m = next(x for x in M.mutants_of_package(str(pkg)) if x.file == "a.go" and x.operator == "const")
    out = m.write(str(tmp_path / "out"))
    assert sorted(p.name for p in Path(out).iterdir()) == ["a.go", "b.go"]
    assert (Path(out) / "a.go").read_text() == m.mutated
    assert (Path(out) / "b.go").read_text() == (pkg / "b.go").read_text()


def test_invariant_false_with_and_without_init() -> None:
    src = SRC + "\n// @ init\nfunc New() *S {\n\treturn &S{mu: new(sync.Mutex)}\n}\n"
    ms = M.mutants_of_file("pkg/small", "small.go", src)
    m = find(ms, "clause-false", "crash_inv -> crash_inv false")
    assert changed(m)[1] == ["//@ crash_inv false"]
    assert changed(find(ms, "clause-false", "lock_inv -> lock_inv false"))[1] == ["\tmu *sync.Mutex //@ lock_inv false"]
    m = find(ms, "clause-false+drop-init", "no `init`")
    assert "//@ crash_inv false\n" in m.mutated and "// @ init" not in m.mutated and "func New()" in m.mutated


def test_short_block(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "short-block", "Put: write v[1:] instead of v")
    assert changed(m)[1] == ["\ttwodisk.Write(twodisk.Disk1, a, v[1:]) //@ helping Reg.Put(a, v)"]


def test_annotation_bound(mutants: list[M.Mutant]) -> None:
    flips = {changed(m)[1][0] for m in mutants if m.operator == "ann-bound" and "crash_inv" in m.description}
    base = "//@ crash_inv forall a uint64 :: a {} N ==> twodisk.D1[a] {} twodisk.D2[a] && Reg.v[a] {} twodisk.D1[a]"
    assert flips == {base.format("<=", "==", "=="), base.format("<", "!=", "=="), base.format("<", "==", "!=")}


def test_duplicate_statement_lock_and_unlock(mutants: list[M.Mutant]) -> None:
    m = find(mutants, "dup-unlock", "Put: `s.mu.Unlock()` twice")
    assert "\ts.mu.Unlock()\n\ts.mu.Unlock()\n}" in m.mutated
    m = find(mutants, "dup-stmt", "Put: `twodisk.Write(twodisk.Disk1, a, v)")
    assert m.mutated.count("twodisk.Write(twodisk.Disk1, a, v) //@ helping Reg.Put(a, v)") == 2
    assert not [x for x in mutants if x.operator.startswith("dup") and ":=" in x.description]


def test_insert_break_and_fresh_constructor() -> None:
    src = SRC + ("\nfunc newS() *S {\n\treturn &S{mu: new(sync.Mutex)}\n}\n\nfunc Fill() {\n"
                 "\tfor i := uint64(0); i < N; i++ {\n\t\ttwodisk.Write(twodisk.Disk2, i, nil)\n\t}\n}\n")
    ms = M.mutants_of_file("pkg/small", "small.go", src)
    m = find(ms, "insert-break", "Fill: the loop at line")
    assert "\t\ttwodisk.Write(twodisk.Disk2, i, nil)\n\t\tbreak\n\t}\n" in m.mutated
    m = find(ms, "fresh-ctor", "Put: lock fresh.mu of a fresh newS()")
    assert changed(m) == (["\ts.mu.Lock()", "\ts.mu.Unlock()"], ["\tfresh := newS()", "\tfresh.mu.Lock()", "\tfresh.mu.Unlock()"])
