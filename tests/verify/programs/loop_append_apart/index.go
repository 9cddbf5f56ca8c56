// Package loopappendapart is a verifier test of Mailboat's in-memory index: entries in a
// slice of structs that a lock owns, kept sorted by an insertion sort, found by binary
// search, and compacted by a loop that appends the live ones to a fresh slice. The loop's
// invariant owns the fresh slice; being apart from the lock's array on entry, it stays apart
// at the loop head, so appending to it never gives the lock's array up.
//
// EXPECT verified
package loopappendapart

import "sync"

// Entry is one message of the index.
type Entry struct {
	ID   string
	seq  uint64
	gone bool
}

// Box is one mailbox's index.
type Box struct {
	mu    *sync.Mutex //@ lock_inv acc(index) && acc(dead) && (forall i uint64 :: i < uint64(len(index)) ==> acc(index[i]))
	index []Entry
	dead  uint64
}

// NewBox returns an empty index.
func NewBox() *Box {
	return &Box{mu: new(sync.Mutex), index: make([]Entry, 0), dead: 0}
}

// Add inserts an entry, keeping the index sorted by seq.
func (b *Box) Add(id string, seq uint64) {
	b.mu.Lock()
	b.index = append(b.index, Entry{ID: id, seq: seq, gone: false})
	j := uint64(len(b.index)) - 1
	for j > 0 && b.index[j-1].seq > seq {
		//@ invariant j < uint64(len(b.index))
		b.index[j] = b.index[j-1]
		b.index[j-1] = Entry{ID: id, seq: seq, gone: false}
		j = j - 1
	}
	b.mu.Unlock()
}

// Remove marks the entry with seq deleted and compacts the index when half of it is.
func (b *Box) Remove(seq uint64) {
	b.mu.Lock()
	var lo uint64 = 0
	var hi = uint64(len(b.index))
	for lo < hi {
		//@ invariant lo <= hi && hi <= uint64(len(b.index))
		mid := lo + (hi-lo)/2
		if b.index[mid].seq < seq {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < uint64(len(b.index)) && b.index[lo].seq == seq && !b.index[lo].gone {
		e := b.index[lo]
		b.index[lo] = Entry{ID: e.ID, seq: e.seq, gone: true}
		b.dead = b.dead + 1
		if b.dead*2 > uint64(len(b.index)) {
			live := make([]Entry, 0)
			for i, x := range b.index {
				//@ invariant uint64(len(live)) <= i && (forall j uint64 :: j < uint64(len(live)) ==> acc(live[j]))
				_ = i // the iteration count, named for the invariant
				if !x.gone {
					live = append(live, x)
				}
			}
			b.index = live
			b.dead = 0
		}
	}
	b.mu.Unlock()
}
