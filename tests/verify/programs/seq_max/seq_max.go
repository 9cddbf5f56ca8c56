// Package seqmax is a verifier test: seq max.
//
// EXPECT verified
package seqmax

//@ ensures ret >= a && ret >= b && (ret == a || ret == b)
func max(a uint64, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}
