package main

import "github.com/goose-lang/goose/machine"

type Index map[string]uint64

// A cache emptied with Goose's MapClear: a plain map, a named map type, a nil map (nothing
// to do), and the map refilled after it was emptied.
func Run() (uint64, uint64, uint64, uint64, bool) {
	seen := make(map[uint64]bool)
	for i := uint64(0); i < 5; i++ {
		seen[i*i] = true
	}
	before := uint64(len(seen))
	machine.MapClear(seen)
	seen[7] = true
	ix := make(Index)
	ix["a"] = 1
	ix["b"] = 2
	machine.MapClear(ix)
	var none map[uint64]uint64
	machine.MapClear(none)
	_, had := seen[4]
	return before, uint64(len(seen)), uint64(len(ix)), uint64(len(none)), had
}
