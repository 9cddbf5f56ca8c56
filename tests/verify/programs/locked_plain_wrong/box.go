// Package lockedplainwrong is a verifier test: a caller that keeps the lock List returns
// with, and a function that receives a held lock and neither releases nor returns it.
//
// EXPECT fail deadlock at line 27
// EXPECT fail deadlock at line 32
package lockedplainwrong

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

func (b *Box) Session() uint64 {
	return b.List()
}

//@ requires locked(b.mu)
func (b *Box) Forget() {
}
