// Package seqinc is a verifier test: seq inc.
//
// EXPECT verified
package seqinc

//@ requires x < 100
//@ ensures ret == x + 1
func inc(x uint64) uint64 {
	return x + 1
}
