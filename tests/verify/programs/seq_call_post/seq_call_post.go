// Package seqcallpost is a verifier test: seq call post.
//
// EXPECT verified
package seqcallpost

//@ requires x < 100
//@ ensures ret == x + 1
func inc(x uint64) uint64 {
	return x + 1
}

//@ ensures ret == 7
func caller() uint64 {
	y := inc(5)
	return inc(y)
}
