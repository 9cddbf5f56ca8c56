// Package bytescg is a seeded bug of bytes_chunks_gather: only whole 100-byte pieces are
// copied, so a message whose length is not a multiple of 100 loses its tail.
//
// EXPECT fail loop-invariant-preserved at line 13
package bytescg

// Gather copies msg into a new slice in pieces of at most 100 bytes: the copy is msg.
//
//@ ensures ret == msg
func Gather(msg []byte) []byte {
	out := make([]byte, 0)
	var off uint64 = 0
	for off < uint64(len(msg)) {
		//@ invariant off <= uint64(len(msg)) && out == msg[:off]
		//@ decreases uint64(len(msg)) - off
		end := off + 100
		if end > uint64(len(msg)) {
			end = uint64(len(msg))
		}
		if end-off == 100 {
			out = append(out, msg[off:end]...)
		}
		off = end
	}
	return out
}
