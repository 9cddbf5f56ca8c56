// Package bytescopyinexprunsound: SOUNDNESS BUG (/tmp/brief/byte_findings.md F10, second
// form). All three are PROVED; in a module `go test -v .` prints "9 9 9".
//
// EXPECT fail postcondition at line 14
// EXPECT fail postcondition at line 22
// EXPECT fail postcondition at line 30
package bytescopyinexprunsound

//@ requires len(s) == 3 && s[0] == 9
//@ ensures ret[1] == 0
func rhsCopy(s []byte) []byte {
	b := make([]byte, 4)
	b[0] = byte(copy(b[1:], s))
	return b
}

//@ requires len(s) == 3 && s[0] == 9
//@ ensures ret[1] == 0
func idxCopy(s []byte) []byte {
	b := make([]byte, 4)
	b[copy(b[1:], s)] = 1
	return b
}

//@ requires len(s) == 3 && s[0] == 9
//@ ensures ret[1] == 0
func appendCopy(s []byte) []byte {
	b := make([]byte, 4)
	b = append(b, byte(copy(b[1:], s)))
	return b
}
