// Package ghostfnrecsum is a verifier test: a recursive ghost function (with decreases) sums
// a byte range, and a loop computes it.
//
// EXPECT verified
package ghostfnrecsum

//@ ghost func sum(b []byte, n uint64) uint64 {
//@   decreases n
//@   return n == 0 ? 0 : sum(b, n-1) + uint64(b[n-1])
//@ }

//@ requires n <= uint64(len(b)) && n <= 4096
//@ ensures ret == sum(b, n)
func total(b []byte, n uint64) uint64 {
	var s uint64
	//@ invariant i <= n && s == sum(b, i) && s <= 255 * i
	for i := uint64(0); i < n; i++ {
		s = s + uint64(b[i])
	}
	return s
}
