// Package progresschunkdecreasesbug is a verifier test: the Pickup bug again, now with the
// `decreases` a proof would write: the measure fails on the iteration that skips the advance.
//
// EXPECT fail decreases at line 14
package progresschunkdecreasesbug

//@ requires chunk > 0
//@ ensures true
func read(size uint64, chunk uint64) uint64 {
	var off uint64
	var got uint64
	//@ invariant off <= size
	//@ decreases size - off
	for off < size {
		n := size - off
		if n > chunk {
			got += chunk
			continue // BUG: off is not advanced
		}
		got += n
		off += n
	}
	return got
}
