// Package accslicecache is a verifier test: a cache of values in a slice whose elements
// the lock owns, all of them (`forall i T :: i < len(vals) ==> acc(vals[i])`), with a lock
// invariant over the elements.
//
// EXPECT verified
package accslicecache

import "sync"

// N is the number of slots.
const N uint64 = 4

// Cache holds N values, each at most Max.
type Cache struct {
	mu   *sync.Mutex //@ lock_inv uint64(len(vals)) == N && (forall i uint64 :: i < len(vals) ==> acc(vals[i])) && (forall i uint64 :: i < N ==> vals[i] <= Max)
	vals []uint64
}

// Max bounds every value.
const Max uint64 = 100

//@ requires i < N
//@ ensures ret <= Max
func (c *Cache) Get(i uint64) uint64 {
	c.mu.Lock()
	v := c.vals[i]
	c.mu.Unlock()
	return v
}

//@ requires i < N
//@ ensures true
func (c *Cache) Put(i uint64, v uint64) {
	if v > Max {
		v = Max
	}
	c.mu.Lock()
	c.vals[i] = v
	c.mu.Unlock()
}

//@ ensures ret != nil
func New() *Cache {
	return &Cache{mu: new(sync.Mutex), vals: make([]uint64, N)}
}
