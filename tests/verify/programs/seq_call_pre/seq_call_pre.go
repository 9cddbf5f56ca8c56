// Package seqcallpre is a verifier test: seq call pre.
//
// EXPECT fail precondition at line 13
package seqcallpre

//@ requires x < 100
//@ ensures ret == x + 1
func inc(x uint64) uint64 {
	return x + 1
}

func caller() uint64 {
	return inc(200)
}
