// Package seqwraps is a verifier test: seq wraps.
//
// EXPECT fail postcondition at line 9
package seqwraps

// Go's uint64 wraps: without a bound on x, x+1 may be 0.
//@ ensures ret > x
func inc(x uint64) uint64 {
	return x + 1
}
