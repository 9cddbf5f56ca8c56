"""Writing into a byte slice that may share its backing array is UNKNOWN, never guessed at.

The verifier gives `[]byte` value semantics, which is exact only for a local made fresh in
the function (make, a disk read, []byte(s)) whose uses keep no alias. Every other write (a
parameter, an alias made by assignment or sub-slicing, a slice stored in a struct) must
leave the function UNKNOWN with the reason, and a fresh local written the same way must
verify (so the rule is not simply "every byte write is unknown").
"""

from __future__ import annotations

import os

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import run

REASON = "which may share its array with another slice"
APPEND = "append to a byte slice that may share its array"


UNKNOWN = {
    # a caller's array: the write is visible to the caller
    "param_index": """
//@ requires len(b) > 0
func f(b []byte, x uint64) {
	b[0] = byte(x)
}
""",
    "param_put": """
//@ requires len(b) >= 8
func f(b []byte, x uint64) {
	prims.UInt64Put(b, x)
}
""",
    "param_put_tail": """
//@ requires len(b) >= 16
func f(b []byte, x uint64) {
	prims.UInt64Put(b[8:], x)
}
""",
    "param_copy": """
//@ requires len(b) == 4 && len(s) == 4
//@ ensures b[0] == old(b[0])
func f(b []byte, s []byte) {
	copy(b, s)
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
    "enc_put_param": """
//@ requires len(b) >= 16
func f(b []byte, x uint64) {
	enc.Put64(b, 8, x)
}
""",
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
