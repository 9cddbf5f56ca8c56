// Package lockedplain is a verifier test: a plain mutex (no lock_inv) held across calls, in
// the style of a mailbox API whose List returns holding the user's lock and whose Unlock
// releases it.
//
// EXPECT verified
package lockedplain

import "sync"

// Box is one user's mailbox lock.
type Box struct {
	mu *sync.Mutex
}

//@ ensures locked(b.mu)
func (b *Box) List() uint64 {
	b.mu.Lock()
	return 0
}

//@ requires locked(b.mu)
func (b *Box) Unlock() {
	b.mu.Unlock()
}

//@ ensures true
func (b *Box) Session() uint64 {
	n := b.List()
	b.Unlock()
	return n
}
