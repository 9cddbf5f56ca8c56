// Package rtlockinvaccparamname is a verifier test: the wrong twin of
// redteam_lockinv_acc_param_name_ok, which writes the field after Unlock and breaks the
// invariant under the lock.
//
// EXPECT fail race at line 20
// EXPECT fail lock-inv at line 26
package rtlockinvaccparamname

import "sync"

// C holds a small number under its lock.
type C struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n <= 3
	n  uint64
}

func (c *C) Late(n uint64) {
	c.mu.Lock()
	c.mu.Unlock()
	c.n = n
}

func (c *C) Set(n uint64) {
	c.mu.Lock()
	c.n = n
	c.mu.Unlock()
}
