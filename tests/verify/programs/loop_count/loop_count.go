// Package loopcount is a verifier test: loop count.
//
// EXPECT verified
package loopcount

//@ ensures ret == n
func count(n uint64) uint64 {
	var s uint64 = 0
	for i := uint64(0); i < n; i++ {
		//@ invariant s == i && i <= n
		s = s + 1
	}
	return s
}
