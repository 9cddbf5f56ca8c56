// Package rtunlockkeepsarrayok is a verifier test: the twin of redteam_unlock_keeps_array
// that fills the new array before Unlock and reads it under the lock again.
//
// EXPECT verified
package rtunlockkeepsarrayok

import "sync"

// N is the number of slots.
const N uint64 = 4

// Max bounds every value.
const Max uint64 = 100

// Cache holds N values, each at most Max.
type Cache struct {
	mu   *sync.Mutex //@ lock_inv acc(vals) && uint64(len(vals)) == N && (forall i uint64 :: i < len(vals) ==> acc(vals[i])) && (forall i uint64 :: i < N ==> vals[i] <= Max)
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

//@ ensures ret <= Max
func (c *Cache) Reset() uint64 {
	c.mu.Lock()
	t := make([]uint64, N)
	t[0] = Max
	c.vals = t
	c.mu.Unlock()
	c.mu.Lock()
	v := c.vals[0]
	c.mu.Unlock()
	return v
}

// Keep uses an array of its own next to the lock's: Unlock takes only the lock's.
//@ ensures ret == 7
func (c *Cache) Keep() uint64 {
	mine := make([]uint64, 2)
	c.mu.Lock()
	t := make([]uint64, N)
	c.vals = t
	c.mu.Unlock()
	mine[1] = 7
	return mine[1]
}
