// Package loopbreak is a verifier test: loop break.
//
// EXPECT verified
package loopbreak

//@ ensures ret <= 10
func firstTen(n uint64) uint64 {
	i := uint64(0)
	for i < n {
		//@ invariant i <= 10
		if i == 10 {
			break
		}
		i = i + 1
	}
	return i
}
