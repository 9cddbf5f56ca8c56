// Package nestedlockmapafter is nested_lock_map with a seeded bug: Mark writes the map
// after releasing the lock that owns its entries (a race with another Mark).
//
// EXPECT fail race at line 28
package nestedlockmapafter

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
	b.mu.Unlock()
	b.seen[n] = true
}
