// Package app keeps a ctr.Counter under a lock of its own and calls it while holding that
// lock (a package below never takes the locks of a package above: the order is global);
// its recovery calls ctr's.
//
// EXPECT verified
package app

import (
	"sync"

	"armada/tests/verify/multipkg/counter/ctr"
)

// Limit is the counter's bound.
const Limit uint64 = ctr.Limit

// App sums what its counter hands out.
type App struct {
	mu    *sync.Mutex //@ lock_inv acc(total) && acc(c)
	total uint64
	c     *ctr.Counter
}

//@ requires a != nil
//@ ensures ret < Limit
func (a *App) Bump() uint64 {
	a.mu.Lock()
	v := uint64(0)
	if a.c != nil {
		v = a.c.Add()
		a.total = v
	}
	a.mu.Unlock()
	return v
}

//@ recover
//@ ensures ret != nil
func Recover() *App {
	return &App{mu: new(sync.Mutex), c: ctr.Recover()}
}
