// Package rtstrescape is a verifier test: a Go string holding a backslash is its bytes,
// not an escape of the solver's string syntax (each ensures is false in Go; all four were
// proved when Go strings went to Z3 through z3.StringVal, which reads `\u{41}` as "A").
//
// EXPECT fail postcondition at line 14
// EXPECT fail postcondition at line 20
// EXPECT fail postcondition at line 26
// EXPECT fail postcondition at line 32
package rtstrescape

//@ ensures ret == 1
func rawLen() uint64 {
	s := `\u{41}`
	return uint64(len(s))
}

//@ ensures ret == 1
func quotedLen() uint64 {
	s := "\\u{41}"
	return uint64(len(s))
}

//@ ensures ret
func sameAsA() bool {
	s := `\u0041`
	return s == "A"
}

//@ ensures ret == 65
func firstByte() byte {
	s := `\u{41}` + "x"
	return s[0]
}
