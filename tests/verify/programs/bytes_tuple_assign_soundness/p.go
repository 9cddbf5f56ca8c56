// Package bytestupleassignunsound: SOUNDNESS BUG (/tmp/brief/byte_findings.md F10). Both
// functions are PROVED; in a module `go test -v .` prints "2 5" (both ensures are false).
//
// EXPECT fail postcondition at line 14
// EXPECT fail postcondition at line 21
package bytestupleassignunsound

//@ ensures ret[0] == 1
func swap() []byte {
	b := make([]byte, 2)
	b[0] = 1
	b[1] = 2
	b[0], b[1] = b[1], b[0]
	return b
}

//@ ensures ret[0] == 0
func twoWrites() []byte {
	b := make([]byte, 2)
	b[0], b[1] = 5, 6
	return b
}
