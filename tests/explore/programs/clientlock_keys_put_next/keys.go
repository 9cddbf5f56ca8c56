// Package clientlockkeysputnext is a seeded twin of clientlock_keys: Put writes the other key's block (whose lock another client may hold).
package clientlockkeysputnext

import (
	"sync"

	"armada/goose/machine/disk"
)

// N is the number of keys (and blocks).
const N uint64 = 2 //@ disk_size N

//@ spec KV {
//@   state blocks: map[uint64]disk.Block
//@   op Lock(k uint64) { require k < N }
//@   op Put(k uint64, b disk.Block) { require k < N && len(b) == disk.BlockSize; blocks[k] = b }
//@   op Get(k uint64) disk.Block { require k < N; return blocks[k] }
//@   op Unlock(k uint64) { require k < N }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@   domain uint64 = {0, 1}
//@   domain disk.Block = {block(1), block(2)}
//@ }

// Store keeps N blocks, each under its own lock.
type Store struct {
	locks []*sync.Mutex
}

func newStore() *Store {
	locks := make([]*sync.Mutex, N)
	for i := uint64(0); i < N; i++ {
		locks[i] = new(sync.Mutex)
	}
	return &Store{locks: locks}
}

//@ implements KV.Lock
//@ requires k < N
//@ ensures locked(s.locks[k])
func (s *Store) Lock(k uint64) {
	s.locks[k].Lock() //@ linearize
}

//@ implements KV.Put
//@ requires k < N && len(b) == disk.BlockSize && locked(s.locks[k])
//@ ensures locked(s.locks[k])
func (s *Store) Put(k uint64, b disk.Block) {
	disk.Write(N-1-k, b) //@ linearize
}

//@ implements KV.Get
//@ requires k < N
func (s *Store) Get(k uint64) disk.Block {
	s.locks[k].Lock()
	v := disk.Read(k) //@ linearize
	s.locks[k].Unlock()
	return v
}

//@ implements KV.Unlock
//@ requires k < N && locked(s.locks[k])
func (s *Store) Unlock(k uint64) {
	s.locks[k].Unlock() //@ linearize
}

//@ recover
func Recover() *Store {
	return newStore()
}
