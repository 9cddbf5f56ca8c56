// Package rtappendemptyok is a verifier test: the twin of redteam_append_empty that appends
// to a nil slice and to empty ones whose arrays it owns.
//
// EXPECT verified
package rtappendemptyok

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

//@ ensures ret == 2
func Fresh() uint64 {
	var a []uint64
	a = append(a, 1)
	b := make([]uint64, 0)
	b = append(b, 1)
	return a[0] + b[0]
}

//@ ensures ret == 7
func Reuse() uint64 {
	b := make([]uint64, 4)
	t := append(b[:0], 7)
	return t[0]
}

//@ ensures ret != nil
func New() *Cache {
	return &Cache{mu: new(sync.Mutex), vals: make([]uint64, N)}
}
