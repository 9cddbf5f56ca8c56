// Package progresschunkok is a verifier test: the fixed chunked read ends (the measure
// `size - off` found in the condition goes down on both paths; chunk > 0 is needed).
//
// EXPECT verified
package progresschunkok

//@ requires chunk > 0
//@ ensures ret == size
func read(size uint64, chunk uint64) uint64 {
	var off uint64
	//@ invariant off <= size
	for off < size {
		n := size - off
		if n > chunk {
			n = chunk
		}
		off += n
	}
	return off
}
