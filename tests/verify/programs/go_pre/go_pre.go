// Package gopre is a verifier test: go pre.
//
// EXPECT fail precondition at line 11
package gopre

//@ requires x < 10
func worker(x uint64) {
}

func spawn() {
	go worker(20)
}
