// Package seqpanic is a verifier test: seq panic.
//
// EXPECT fail safety at line 8
package seqpanic

func check(x uint64) uint64 {
	if x > 10 {
		panic("too big")
	}
	return x
}
