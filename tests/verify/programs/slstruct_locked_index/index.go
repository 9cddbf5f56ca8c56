// Package slstructlockedindex is a verifier test: an index of structs in a slice owned by a
// lock, appended to and searched under it, with an invariant over every element's fields.
//
// EXPECT verified
package slstructlockedindex

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

//@ requires size <= Max
//@ ensures true
func (b *Box) Add(id string, size uint64) {
	b.mu.Lock()
	if uint64(len(b.index))+1 < MaxEntries {
		b.index = append(b.index, Entry{ID: id, Size: size})
	}
	b.mu.Unlock()
}

//@ ensures ret <= Max
func (b *Box) SizeOf(id string) uint64 {
	b.mu.Lock()
	var size uint64 = 0
	//@ invariant size <= Max
	for _, e := range b.index {
		if e.ID == id && !e.gone {
			size = e.Size
		}
	}
	b.mu.Unlock()
	return size
}

//@ ensures true
func (b *Box) Remove(i uint64) {
	b.mu.Lock()
	if i < uint64(len(b.index)) {
		e := b.index[i]
		e.gone = true
		b.index[i] = e
	}
	b.mu.Unlock()
}

//@ ensures ret != nil
func New() *Box {
	return &Box{mu: new(sync.Mutex), index: make([]Entry, 0)}
}
