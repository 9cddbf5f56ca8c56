// Package bytesutf8lenunsound: SOUNDNESS BUG (/tmp/brief/byte_findings.md F8). lenBytes and
// lenStr are PROVED; in a module, `go test -v .` prints "2 2 true" (both ensures are false).
//
// EXPECT fail postcondition at line 10
// EXPECT fail postcondition at line 16
package bytesutf8lenunsound

//@ ensures ret == 1
func lenBytes() uint64 {
	return uint64(len([]byte("é")))
}

//@ ensures ret == 1
func lenStr() uint64 {
	s := "é"
	return uint64(len(s))
}

//@ ensures ret
func idx() bool {
	b := []byte("é")
	return len(b) > 1
}
