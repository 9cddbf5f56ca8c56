// Package rtunlockkeepsarray is a verifier test: at Unlock the lock takes back everything
// its invariant owns as it is then, also an array the thread made and stored in the
// protected field (Unlock gave back only the permissions Lock had granted, so Reset kept
// writing the new array after Unlock and a concurrent Get could return 1000 > Max; both
// were proved).
//
// EXPECT fail race at line 39
// EXPECT fail race at line 48
package rtunlockkeepsarray

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

func (c *Cache) Reset() {
	c.mu.Lock()
	t := make([]uint64, N)
	c.vals = t
	c.mu.Unlock()
	t[0] = 1000
}

//@ ensures ret == 0
func (c *Cache) ResetRead() uint64 {
	c.mu.Lock()
	t := make([]uint64, N)
	c.vals = t
	c.mu.Unlock()
	return t[1]
}
