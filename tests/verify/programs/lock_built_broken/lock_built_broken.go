// Package lockbuiltbroken is a verifier test: lock built broken.
//
// EXPECT fail lock-inv at line 16
package lockbuiltbroken

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

func build() *Counter {
	return &Counter{mu: new(sync.Mutex), n: 1}
}
