// Package mapclearwrong is a verifier test: a cleared map keeps none of its keys, and
// clearing a map the thread does not own is a race.
//
// EXPECT fail postcondition at line 16
// EXPECT fail race at line 20
package mapclearwrong

import "github.com/goose-lang/goose/machine"

//@ ensures ret == 2
func size() uint64 {
	seen := make(map[uint64]bool)
	seen[3] = true
	machine.MapClear(seen)
	seen[4] = true
	return uint64(len(seen))
}

func shared(m map[uint64]uint64) {
	machine.MapClear(m)
}
