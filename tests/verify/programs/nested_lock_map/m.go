// Package nestedlockmap is a verifier test: a thread holds a lock that owns a map's entries
// (through a read-only field) and takes and releases a second lock that owns a field of the
// same struct. Giving the field back must not give up the map's entries, which are another
// object: the outer lock is then handed back whole.
//
// EXPECT verified
package nestedlockmap

import "sync"

type Box struct {
	mu   *sync.Mutex //@ lock_inv seen != nil && (forall k uint64 :: acc(seen[k]))
	imu  *sync.Mutex //@ lock_inv acc(next)
	seen map[uint64]bool
	next uint64
}

func NewBox() *Box {
	return &Box{mu: new(sync.Mutex), imu: new(sync.Mutex), seen: make(map[uint64]bool), next: 0}
}

// Mark records the next number as seen, under both locks.
func (b *Box) Mark() {
	b.mu.Lock()
	b.imu.Lock()
	n := b.next
	b.next = n + 1
	b.imu.Unlock()
	b.seen[n] = true
	b.mu.Unlock()
}
