// Package specstructblockfield is a verifier test of a struct value with a byte-slice
// field: Get returns the block with its length as one struct, built by a struct literal in
// the spec and by one in the code (a block and a uint64 compared field by field).
//
// EXPECT verified
package specstructblockfield

import (
	"sync"

	"armada/goose/machine/disk"
)

type Ent struct {
	Data []byte
	N    uint64
}

//@ disk_size 1
//@ spec Reg {
//@   state cur: disk.Block
//@   op Put(b disk.Block) { require len(b) == disk.BlockSize; cur = b }
//@   op Get() Ent { return Ent{Data: cur, N: len(cur)} }
//@   crash { }
//@ }

//@ crash_inv Reg.cur == disk.D[0]

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Reg.Put
//@ requires len(b) == disk.BlockSize
func (s *Store) Put(b disk.Block) {
	s.mu.Lock()
	disk.Write(0, b) //@ linearize
	s.mu.Unlock()
}

//@ implements Reg.Get
func (s *Store) Get() Ent {
	s.mu.Lock()
	b := disk.Read(0) //@ linearize
	s.mu.Unlock()
	return Ent{Data: b, N: uint64(len(b))}
}

//@ recover
func Open() *Store {
	return &Store{mu: new(sync.Mutex)}
}
