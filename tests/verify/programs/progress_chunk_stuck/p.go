// Package progresschunkstuck is a verifier test: the paper's Pickup bug. A read loop copies
// a message in chunks, but for a message longer than one chunk it re-reads the first chunk
// without advancing its offset, so it never ends. With no `decreases` the verifier warns and
// names the offset; the function is not failed for it (a warning).
//
// EXPECT warning progress at line 14
package progresschunkstuck

//@ ensures true
func read(size uint64, chunk uint64) uint64 {
	var off uint64
	var got uint64
	//@ invariant off <= size
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
