// Package topignoresok is a seeded bug in the top layer (proofs/layered/top): Save writes at
// the store's Alloc result without looking at ok, and Alloc promises a block below Size only
// when ok (store.Write requires one).
//
// EXPECT fail precondition at line 33
package topignoresok

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
	t.st.Write(a, v) // even when !ok
	return a, ok
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
	return &Top{st: s}
}
