// Package mapclear is a verifier test: Goose's machine.MapClear empties a map the thread
// owns; it can be filled again afterwards.
//
// EXPECT verified
package mapclear

import "github.com/goose-lang/goose/machine"

//@ ensures ret == 1
func refill() uint64 {
	seen := make(map[uint64]bool)
	seen[3] = true
	seen[4] = true
	machine.MapClear(seen)
	_, had := seen[3]
	if had {
		return 9
	}
	seen[7] = true
	return uint64(len(seen))
}

//@ requires acc(m) && m != nil
//@ ensures acc(m) && len(m) == 0 && !has(m, k)
func empty(m map[uint64]uint64, k uint64) {
	machine.MapClear(m)
}
