// Package maplenboundedregistry is a verifier test: a registry of at most Max names under
// a lock, its bound a lock invariant over `len` of the map the lock owns.
//
// EXPECT verified
package maplenboundedregistry

import "sync"

// Max is the most names the registry holds.
const Max uint64 = 3

// Registry maps names to owners.
type Registry struct {
	mu    *sync.Mutex //@ lock_inv names != nil && (forall k uint64 :: acc(names[k])) && uint64(len(names)) <= Max
	names map[uint64]uint64
}

//@ ensures true
func (r *Registry) Add(name uint64, owner uint64) bool {
	r.mu.Lock()
	_, taken := r.names[name]
	if !taken && uint64(len(r.names)) >= Max {
		r.mu.Unlock()
		return false
	}
	r.names[name] = owner
	r.mu.Unlock()
	return true
}

//@ ensures true
func (r *Registry) Remove(name uint64) {
	r.mu.Lock()
	delete(r.names, name)
	r.mu.Unlock()
}

//@ ensures ret <= Max
func (r *Registry) Size() uint64 {
	r.mu.Lock()
	n := uint64(len(r.names))
	r.mu.Unlock()
	return n
}

//@ ensures ret != nil
func New() *Registry {
	return &Registry{mu: new(sync.Mutex), names: make(map[uint64]uint64)}
}
