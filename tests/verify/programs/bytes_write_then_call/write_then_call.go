// Package byteswritethencall: build writes b and only then hands it to a helper that
// returns a uint64; nothing can alias b after its last write, yet build is UNKNOWN
// (/tmp/brief/byte_findings.md F7).
//
// EXPECT verified
package byteswritethencall

//@ requires len(b) >= 1
//@ ensures ret == uint64(b[0])
func first(b []byte) uint64 {
	return uint64(b[0])
}

//@ ensures ret == 7
func build() uint64 {
	b := make([]byte, 4)
	b[0] = 7
	return first(b)
}
