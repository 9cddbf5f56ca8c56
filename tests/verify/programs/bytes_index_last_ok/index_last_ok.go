// Package bytesindexlastok is a verifier test: the last byte of a non-empty slice is in bounds.
//
// EXPECT verified
package bytesindexlastok

//@ requires len(b) > 0
//@ ensures ret == b[len(b)-1]
func last(b []byte) byte {
	return b[len(b)-1]
}

//@ requires len(b) > 2
//@ ensures ret == uint64(b[len(b)-2]) + uint64(b[len(b)-1])
func lastTwo(b []byte) uint64 {
	return uint64(b[len(b)-2]) + uint64(b[len(b)-1])
}
