"""Writing into a byte slice that may share its backing array is UNKNOWN, never guessed at.

The verifier gives `[]byte` value semantics, which is exact only for a local made fresh in
the function (make, a disk read, []byte(s)) whose uses keep no alias, and for a parameter
the function only borrows (blocks.Callees). Every other write (a parameter the function
reassigns, returns or keeps, an alias made by assignment or sub-slicing, a slice stored in
a struct, a caller's array lent twice or not its own) must leave the function UNKNOWN with
the reason, and a fresh local written the same way must verify (so the rule is not simply
"every byte write is unknown").
"""

from __future__ import annotations

import os

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import run

REASON = "which may share its array with another slice"
APPEND = "append to a byte slice that may share its array"


UNKNOWN = {
    # a parameter the function does not only borrow: the write goes into an array the caller
    # may see through another slice (blocks.Callees)
    "param_reassigned": """
//@ requires len(b) > 8
func f(b []byte, x uint64) {
	b = b[8:]
	b[0] = byte(x)
}
""",
    "param_returned": """
//@ requires len(b) > 0
func f(b []byte, x uint64) []byte {
	b[0] = byte(x)
	return b
}
""",
    "param_stored": """
type R struct{ buf []byte }

//@ requires len(b) > 0
func f(b []byte, x uint64) *R {
	r := &R{buf: b}
	b[0] = byte(x)
	return r
}
""",
    "param_to_goroutine": """
//@ requires len(b) > 0
func g(b []byte) {
	_ = b[0]
}

//@ requires len(b) > 0
func f(b []byte) {
	go g(b)
	b[0] = 1
}
""",
    # c and b are one array: writing c changes what b returns
    "local_alias": """
//@ ensures ret[0] == 0
func f(x uint64) []byte {
	b := make([]byte, 8)
	c := b
	c[0] = byte(x) | 1
	return b
}
""",
    "subslice_alias": """
//@ ensures prims.UInt64Get(ret[8:]) == 0
func f(x uint64) []byte {
	b := make([]byte, 16)
	c := b[8:]
	prims.UInt64Put(c, x)
	return b
}
""",
    "subslice_copy_alias": """
//@ requires len(s) == 4
func f(s []byte) []byte {
	b := make([]byte, 16)
	c := b[4:8]
	copy(c, s)
	return b
}
""",
    # the struct keeps an alias of b's array
    "stored_in_struct": """
type R struct{ buf []byte }

//@ ensures ret[0] == 0
func f() []byte {
	b := make([]byte, 8)
	r := &R{buf: b}
	b[0] = 1
	return r.buf
}
""",
    # a pure function returning a byte slice may return a view of its argument
    "pure_view": """
//@ pure
//@ requires len(b) >= 8
func view(b []byte) []byte {
	return b[0:8]
}

//@ ensures ret == 0
func f() byte {
	b := make([]byte, 8)
	c := view(b)
	b[0] = 1
	if len(c) > 0 {
		return c[0]
	}
	return 0
}
""",
    # a goroutine, a map, a pointer and a slice of slices each keep an alias
    "captured_by_goroutine": """
//@ ensures ret == 0
func f() byte {
	b := make([]byte, 8)
	go func() {
		b[0] = 1
	}()
	return b[0]
}
""",
    "stored_in_map": """
//@ ensures ret[0] == 0
func f() []byte {
	b := make([]byte, 8)
	m := make(map[uint64][]byte)
	m[0] = b
	b[0] = 1
	return m[0]
}
""",
    "through_pointer": """
//@ ensures ret[0] == 0
func f() []byte {
	b := make([]byte, 8)
	p := &b
	(*p)[0] = 1
	return b
}
""",
    "stored_in_slice": """
//@ ensures ret[0] == 0
func f() []byte {
	b := make([]byte, 8)
	s := make([][]byte, 1)
	s[0] = b
	b[0] = 1
	return s[0]
}
""",
    # written after being handed to a helper that may have kept it
    "handed_to_helper": """
//@ ensures len(ret) == len(b)
func keep(b []byte) []byte {
	return b
}

//@ ensures ret[0] == 0
func f() []byte {
	b := make([]byte, 8)
	c := keep(b)
	b[0] = 1
	return c
}
""",
    # append writes into its first argument's array when it has spare capacity (in Go these
    # return 9, 3, 2 and the caller's array respectively: value semantics would prove each)
    "append_into_subslice": """
//@ ensures ret[4] == 0
func f() []byte {
	b := make([]byte, 8)
	c := append(b[:4], 9)
	if len(c) != 5 {
		panic("x")
	}
	return b
}
""",
    "append_shared_growth": """
//@ ensures ret[1] == 2
func f() []byte {
	b := make([]byte, 0)
	b = append(b, 1)
	c := append(b, 2)
	b = append(b, 3)
	if len(b) != 2 {
		panic("x")
	}
	return c
}
""",
    "append_spare_capacity": """
//@ ensures ret[4] == 1
func f() []byte {
	b := make([]byte, 4, 16)
	c := append(b, 1)
	b = append(b, 2)
	if len(b) != 5 {
		panic("x")
	}
	return c
}
""",
    # `for i, v := range b` reads b's array each iteration: a body writing b changes later
    # v's (the 1 travels to the end: Go returns 2; v read from b's value at the loop's start
    # would make it 1)
    "range_value_written": """
//@ ensures ret == 1
func f() byte {
	b := make([]byte, 4)
	b[0] = 1
	var last byte = 0
	for i, v := range b {
		if i+1 < 4 {
			b[i+1] = v
		}
		last = v
	}
	return last + 1
}
""",
    # enc's writes go into the caller's array, so they follow the same rule
    "enc_putbytes_alias": """
//@ ensures ret[0] == 0
func f(s []byte) []byte {
	b := make([]byte, 16)
	c := b
	enc.PutBytes(c, 0, []byte("x"))
	return b
}
""",
    "append_enc_shared_growth": """
//@ ensures enc.Get64(ret, 1) == 2
func f() []byte {
	b := make([]byte, 0)
	b = append(b, 1)
	c := enc.Append64(b, 2)
	b = enc.Append64(b, 3)
	if len(b) != 9 {
		panic("x")
	}
	return c
}
""",
    "append_param": """
//@ requires len(a) < 4096
//@ ensures len(ret) == len(a) + 1
func f(a []byte, x byte) []byte {
	return append(a, x)
}
""",
}

# a caller lending a byte slice to a function that writes into it (blocks.Callees): the
# callee assumes nothing else views the array, so the caller must hand over one nobody else
# sees, once; what the caller cannot vouch for is UNKNOWN
WRITER = """
//@ requires len(b) >= 8
//@ ensures enc.Get64(b, 0) == x
func w(b []byte, x uint64) {
	enc.Put64(b, 0, x)
}

//@ requires len(b) >= 8 && len(c) >= 8
//@ ensures enc.Get64(b, 0) == enc.Get64(c, 0)
func w2(b []byte, c []byte) {
	enc.Put64(b, 0, enc.Get64(c, 0))
}
"""

LEND_UNKNOWN = {
    # one array behind two parameters: w2's write into b changes c (two parts that must
    # not overlap are an obligation instead: slicearg_two_parts)
    "lend_twice": ("twice", """
//@ ensures enc.Get64(ret, 0) == 0
func f() []byte {
	b := make([]byte, 16)
	w2(b, b[8:16])
	return b
}
"""),
    "lend_alias": ("may share its array", """
//@ ensures enc.Get64(ret, 0) == 0
func f(x uint64) []byte {
	b := make([]byte, 16)
	c := b
	w(c, x)
	return b
}
"""),
    # the goroutine writes at any time after the go statement: f's b would be stale
    "lend_to_goroutine": ("goroutine", """
//@ ensures ret == 0
func f(x uint64) uint64 {
	b := make([]byte, 16)
	go w(b, x)
	return enc.Get64(b, 0)
}
"""),
    "lend_field": ("may share its array", """
type R struct{ buf []byte }

//@ requires r != nil && acc(r.buf) && len(r.buf) >= 8
func f(r *R, x uint64) {
	w(r.buf, x)
}
"""),
}


@pytest.mark.parametrize("name", sorted(LEND_UNKNOWN))
def test_lending_a_shared_array_to_a_writer_is_unknown(tmp_path: object, name: str) -> None:
    why, text = LEND_UNKNOWN[name]
    results = {r.function: r for r in run(_write(str(tmp_path), WRITER + text))}
    r = results["f"]
    assert r.status is Status.UNKNOWN, (name, r.status, r.error)
    assert why in r.error and "writes into its parameter" in r.error, r.error
    assert not any(o.status is Status.PROVED and o.kind == "postcondition" for o in r.obligations)
    assert results["w"].status is Status.PROVED and results["w2"].status is Status.PROVED


# a borrowed parameter is written exactly (these were UNKNOWN before functions could write
# into their caller's slice): what the writes do is proved, or refuted
BORROWED = """
//@ requires len(b) > 0
//@ ensures b[0] == byte(x)
func index(b []byte, x uint64) {
	b[0] = byte(x)
}

//@ requires len(b) >= 16
//@ ensures prims.UInt64Get(b[8:]) == x && len(b) == old(len(b))
func putTail(b []byte, x uint64) {
	prims.UInt64Put(b[8:], x)
}

//@ requires len(b) >= 16
//@ ensures enc.Get64(b, 8) == x && enc.Get64(b, 0) == old(enc.Get64(b, 0))
func encPut(b []byte, x uint64) {
	enc.Put64(b, 8, x)
}

//@ requires len(b) == 4 && len(s) == 4
//@ ensures b[0] == old(b[0])
func copyIn(b []byte, s []byte) {
	copy(b, s)
}
"""


def test_writes_into_a_borrowed_parameter_are_exact(tmp_path: object) -> None:
    results = {r.function: r for r in run(_write(str(tmp_path), BORROWED))}
    for name in ("index", "putTail", "encPut"):
        assert results[name].status is Status.PROVED, (name, results[name].error)
    bad = results["copyIn"]
    assert bad.status is Status.FAILED, bad.status
    assert any(o.kind == "postcondition" and o.status is Status.FAILED for o in bad.obligations)


# the same writes into a fresh, unaliased local: proved
FRESH = """
//@ ensures len(ret) == 16 && ret[0] == byte(x) && prims.UInt64Get(ret[8:]) == x
func f(x uint64) []byte {
	b := make([]byte, 16)
	b[0] = byte(x)
	prims.UInt64Put(b[8:], x)
	return b
}

//@ requires len(s) == 4
//@ ensures len(ret) == 8 && ret[4] == s[0] && ret[7] == s[3]
func g(s []byte) []byte {
	b := make([]byte, 8)
	copy(b[4:], s)
	return b
}
"""


def _write(tmp: str, text: str) -> str:
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(tmp, "p.go"), "w") as f:
        imports = "".join(f'\nimport "armada/goose/machine/{p}"\n' for p in ("prims", "enc")
                          if f"{p}." in text)
        f.write("package p\n" + imports + text)
    return tmp


@pytest.mark.parametrize("name", sorted(UNKNOWN))
def test_write_into_shared_bytes_is_unknown(tmp_path: object, name: str) -> None:
    results = {r.function: r for r in run(_write(str(tmp_path), UNKNOWN[name]))}
    r = results["f"]
    assert r.status is Status.UNKNOWN, (name, r.status, r.error)
    if name.startswith("append"):
        assert APPEND in r.error and "b = append(b, ...)" in r.error, r.error
    else:
        assert REASON in r.error, r.error
        assert "write only into a byte slice made in this function" in r.error
    assert not any(o.status is Status.PROVED and o.kind == "postcondition" for o in r.obligations)


def test_the_same_writes_into_a_fresh_local_verify(tmp_path: object) -> None:
    results = run(_write(str(tmp_path), FRESH))
    assert {r.function for r in results} == {"f", "g"}
    for r in results:
        assert r.status is Status.PROVED and not r.error, (r.function, r.status, r.error)


@pytest.mark.parametrize("clause", ["acc(b[0])", "acc(b)", "forall i uint64 :: i < uint64(len(b)) ==> acc(b[i])"])
def test_acc_of_a_byte_slice_is_unknown(tmp_path: object, clause: str) -> None:
    # bytes are values: acc(b[i]) would name a byte's value as if it were a pointer
    text = f"""
//@ requires len(b) > 0 && {clause}
func f(b []byte) {{
	b[0] = 1
}}
"""
    r = {r.function: r for r in run(_write(str(tmp_path), text))}["f"]
    assert r.status is Status.UNKNOWN, (r.status, r.error)
    assert "bytes are values" in r.error or "under a quantifier" in r.error, r.error


def test_the_documented_lending_example_is_a_tested_program() -> None:
    """docs/annotations.md's example of a function writing into its caller's byte slice is
    part of a verified test program (tests/verify/programs/slicearg_doc_example), line for line."""
    from pathlib import Path

    from tests.verify.expect import check

    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "annotations.md").read_text()
    section = doc[doc.index("### A function that writes into its caller's byte slice"):]
    block = section[section.index("```go") + 5:section.index("```", section.index("```go") + 5)]
    directory = root / "tests" / "verify" / "programs" / "slicearg_doc_example"
    program = (directory / "doc.go").read_text()
    lines = [ln for ln in block.splitlines() if ln.strip()]
    assert len(lines) >= 7
    for ln in lines:
        assert ln in program, ln
    check(str(directory))
