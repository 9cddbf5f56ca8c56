// Package progressbsearchok is a verifier test: a binary search whose midpoint cannot
// overflow; both branches shrink `hi - lo`.
//
// EXPECT verified
package progressbsearchok

//@ ensures ret <= n
func search(n uint64, key uint64) uint64 {
	var lo uint64
	hi := n
	//@ invariant lo <= hi && hi <= n
	for lo < hi {
		mid := lo + (hi-lo)/2
		if mid < key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
