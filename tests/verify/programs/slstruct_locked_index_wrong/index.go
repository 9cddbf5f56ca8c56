// Package slstructlockedindexwrong is a verifier test: an oversized entry breaks the lock
// invariant over the elements' fields, a read outside the lock races, and an unchecked
// index is out of bounds.
//
// EXPECT fail lock-inv at line 36
// EXPECT fail race at line 40
// EXPECT fail safety at line 48
package slstructlockedindexwrong

import "sync"

// Max bounds every message's size.
const Max uint64 = 4096

// MaxEntries bounds the index.
const MaxEntries uint64 = 1000000

// Entry is one message of the index.
type Entry struct {
	ID   string
	Size uint64
	gone bool
}

// Box is a mailbox's in-memory index.
type Box struct {
	mu    *sync.Mutex //@ lock_inv acc(index) && uint64(len(index)) < MaxEntries && (forall i uint64 :: i < len(index) ==> acc(index[i])) && (forall i uint64 :: i < len(index) ==> index[i].Size <= Max)
	index []Entry
}

func (b *Box) Add(id string, size uint64) {
	b.mu.Lock()
	if uint64(len(b.index))+1 < MaxEntries {
		b.index = append(b.index, Entry{ID: id, Size: size})
	}
	b.mu.Unlock()
}

func (b *Box) First() uint64 {
	if len(b.index) > 0 {
		return b.index[0].Size
	}
	return 0
}

func (b *Box) Remove(i uint64) {
	b.mu.Lock()
	e := b.index[i]
	e.gone = true
	b.index[i] = e
	b.mu.Unlock()
}
