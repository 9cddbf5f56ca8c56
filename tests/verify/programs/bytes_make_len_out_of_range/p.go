// Package bytesmakelenoutofrange: mk is PROVED with no obligation, but make([]byte, n)
// panics "makeslice: len out of range" for n >= 2^63 (/tmp/brief/byte_findings.md F12;
// main_test.go shows the panic).
//
// EXPECT fail safety at line 9
package bytesmakelenoutofrange

func mk(n uint64) []byte {
	return make([]byte, n)
}
