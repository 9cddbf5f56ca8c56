// Package callgraphconddecreasesok is a verifier test, the correct twin of
// callgraph_cond_decreases: each call in a condition passes n-1, so the measure goes down.
//
// EXPECT verified
package callgraphconddecreasesok

//@ decreases n
func even(n uint64) bool {
	if n == 0 {
		return true
	}
	if odd(n - 1) {
		return true
	}
	return false
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
