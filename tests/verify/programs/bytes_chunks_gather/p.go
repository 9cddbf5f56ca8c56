// Package bytescg is a verifier test of byte-slice equality in memory: Gather copies msg
// into a new slice in pieces of at most 100 bytes, and the copy is msg.
//
// EXPECT verified
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
		out = append(out, msg[off:end]...)
		off = end
	}
	return out
}
