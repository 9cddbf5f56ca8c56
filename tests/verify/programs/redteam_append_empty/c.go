// Package rtappendempty is a verifier test: appending to an empty slice that is not nil
// writes into its array when it has capacity, so it needs the array's ownership. Evil
// writes 1000 into vals[0] (cap 4) without the lock, so Get may return more than Max; both
// were proved (append needed ownership only of a non-empty slice).
//
// EXPECT fail race at line 34
package rtappendempty

import "sync"

// N is the number of slots.
const N uint64 = 4

// Max bounds every value.
const Max uint64 = 100

// Cache holds N values, each at most Max.
type Cache struct {
	mu   *sync.Mutex //@ lock_inv uint64(len(vals)) == N && (forall i uint64 :: i < len(vals) ==> acc(vals[i])) && (forall i uint64 :: i < N ==> vals[i] <= Max)
	vals []uint64
}

//@ requires i < N
//@ ensures ret <= Max
func (c *Cache) Get(i uint64) uint64 {
	c.mu.Lock()
	v := c.vals[i]
	c.mu.Unlock()
	return v
}

func (c *Cache) Evil() {
	t := c.vals[:0]
	_ = append(t, 1000)
}

//@ ensures ret != nil
func New() *Cache {
	return &Cache{mu: new(sync.Mutex), vals: make([]uint64, N)}
}
