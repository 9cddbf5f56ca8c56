// Package bytesrangesumwrong is a verifier test: a byte can be 255, so the sum can exceed 128 per byte.
//
// EXPECT fail loop-invariant-preserved at line 9
package bytesrangesumwrong

//@ requires len(b) < 4096
func sum(b []byte) uint64 {
	var s uint64 = 0
	for i := range b {
		//@ invariant s <= 128 * i && i <= len(b)
		s = s + uint64(b[i])
	}
	return s
}
