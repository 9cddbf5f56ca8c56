// Package progressbsearchstuck is a verifier test: a binary search that sets `lo = mid`,
// so with hi == lo+1 and mid < key it loops for ever; the warning names `lo`.
//
// EXPECT warning progress at line 12
package progressbsearchstuck

//@ ensures ret <= n
func search(n uint64, key uint64) uint64 {
	var lo uint64
	hi := n
	//@ invariant lo <= hi && hi <= n
	for lo < hi {
		mid := lo + (hi-lo)/2
		if mid < key {
			lo = mid // BUG: should be mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
