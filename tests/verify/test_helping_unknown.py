"""Run-time helping outside what the verifier supports is UNKNOWN with the reason, never
PROVED: a helped op that returns a result (its owner would have to learn the helper's
result), and owning only some of an op's tokens."""

from __future__ import annotations

from pathlib import Path

from armada_ls.verify.result import Status
from tests.verify.expect import run

SRC = Path(__file__).resolve().parent / "programs" / "helprt_flusher" / "flusher.go"


def variant(tmp_path: Path, name: str, pairs: list[tuple[str, str]]) -> str:
    text = SRC.read_text().replace("// EXPECT verified", "")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    d = tmp_path / name
    d.mkdir()
    (d / "p.go").write_text(text)
    return str(d)


def test_a_helped_op_with_a_result_is_unknown(tmp_path: Path) -> None:
    d = variant(tmp_path, "result", [
        ("op Write(a uint64, v uint64) { require a < N; blocks[a] = v }",
         "op Write(a uint64, v uint64) bool { require a < N; blocks[a] = v; return true }"),
        ("func (c *Cache) Write(a uint64, v uint64) {", "func (c *Cache) Write(a uint64, v uint64) bool {"),
        ("\t\tif done {\n\t\t\tbreak\n\t\t}\n\t}\n}", "\t\tif done {\n\t\t\tbreak\n\t\t}\n\t}\n\treturn true\n}"),
    ])
    results = {r.function: r for r in run(d)}
    assert results["Cache.Write"].status is Status.UNKNOWN
    assert "result" in results["Cache.Write"].error
    assert results["Cache.flush"].status is Status.UNKNOWN
    assert "result" in results["Cache.flush"].error


def test_owning_some_tokens_is_unknown(tmp_path: Path) -> None:
    d = variant(tmp_path, "some", [
        ("(forall a uint64, v uint64 :: acc(helping(Disk.Write(a, v))))",
         "(forall a uint64 :: acc(helping(Disk.Write(a, 0))))"),
    ])
    results = run(d)
    assert not any(r.status is Status.PROVED for r in results if r.function in ("Cache.Write", "Cache.flush"))
    assert any("only all of an op's tokens" in (r.error or "") for r in results), \
        [(r.function, r.status, r.error) for r in results]
