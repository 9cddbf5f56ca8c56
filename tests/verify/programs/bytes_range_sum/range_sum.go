// Package bytesrangesum is a verifier test: a range loop over a byte slice, summing its bytes.
//
// EXPECT verified
package bytesrangesum

//@ requires len(b) < 4096
//@ ensures ret <= 255 * len(b)
func sum(b []byte) uint64 {
	var s uint64 = 0
	for i := range b {
		//@ invariant s <= 255 * i && i <= len(b)
		s = s + uint64(b[i])
	}
	return s
}
