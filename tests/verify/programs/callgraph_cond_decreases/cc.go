// Package callgraphconddecreases is a verifier test (soundness): even and odd call each other
// only in `if` conditions, and even's call does not decrease the measure (odd(n), not
// odd(n-1)), so even(1) never returns. With both edges of the cycle in conditions, the
// call graph saw no recursion and both were proved.
//
// EXPECT fail decreases at line 14
package callgraphconddecreases

//@ decreases n
func even(n uint64) bool {
	if n == 0 {
		return true
	}
	if odd(n) {
		return false
	}
	return true
}

//@ decreases n
func odd(n uint64) bool {
	if n == 0 {
		return false
	}
	if even(n - 1) {
		return true
	}
	return false
}
