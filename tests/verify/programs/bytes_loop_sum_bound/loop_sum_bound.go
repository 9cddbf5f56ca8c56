// Package bytesloopsumbound is a verifier test: the sum of a slice's bytes is at most 255 per byte.
//
// EXPECT verified
package bytesloopsumbound

//@ requires len(b) < 4096
//@ ensures ret <= 255 * len(b)
func sum(b []byte) uint64 {
	var s uint64 = 0
	for i := uint64(0); i < uint64(len(b)); i++ {
		//@ invariant i <= len(b) && s <= 255 * i
		s = s + uint64(b[i])
	}
	return s
}
