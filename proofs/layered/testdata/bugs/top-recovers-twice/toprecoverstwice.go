// Package toprecoverstwice is a seeded bug in the top layer's recovery (proofs/layered/top):
// it runs the store's recovery twice, so two stores hand out locks owning the same leases
// (modular recovery runs each layer's recovery once per crash).
//
// EXPECT fail refinement at line 58
package toprecoverstwice

import "armada/proofs/layered/store"

// Reserved is the number of header blocks at the start of the store.
const Reserved uint64 = 1

// Blocks is the number of blocks of the store.
const Blocks uint64 = store.Size

// BlockSize is the store's block size.
const BlockSize uint64 = store.BlockSize

// Top is the record layer over one store.
type Top struct {
	st *store.Store
}

// Save writes v to a fresh block and returns its number, or false when the store is full.
//
//@ requires t != nil && len(v) == BlockSize
//@ ensures ret1 ==> ret0 < Blocks
func (t *Top) Save(v []byte) (uint64, bool) {
	if t.st == nil {
		return 0, false
	}
	a, ok := t.st.Alloc()
	if !ok {
		return 0, false
	}
	t.st.Write(a, v)
	return a, true
}

// Load returns the record in block a.
//
//@ requires t != nil && a < Blocks
func (t *Top) Load(a uint64) []byte {
	if t.st == nil {
		return nil
	}
	return t.st.Read(a)
}

// Recover brings the layers below back after a crash and restores the allocator: the
// header blocks stay taken.
//
//@ recover
//@ ensures ret != nil
func Recover() *Top {
	s := store.Recover()
	s.Reserve(Reserved)
	s = store.Recover() // a second set of locks
	return &Top{st: s}
}
