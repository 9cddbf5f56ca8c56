// Package seqpostfail is a verifier test: seq post fail.
//
// EXPECT fail postcondition at line 8
package seqpostfail

//@ ensures ret == x + 2
func inc(x uint64) uint64 {
	return x + 1
}
