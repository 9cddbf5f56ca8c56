// Package twodiskfailureunstable is a verifier test: twodisk failure unstable.
//
// EXPECT fail crash-inv at line 18
package twodiskfailureunstable

import (
	"sync"
	"armada/goose/machine/twodisk"
)

//@ spec Reg {
//@   state val: twodisk.Block
//@   op Put(b twodisk.Block) { val = b }
//@   crash { }
//@ }

// Wrong: disk 1 can fail at any moment, so its health is no invariant.
//@ crash_inv Reg.val == twodisk.D1[0] && !failed(twodisk.Disk1)

type Store struct {
	mu *sync.Mutex //@ lock_inv lease(twodisk.D1[0])
}

//@ implements Reg.Put
func (s *Store) Put(b twodisk.Block) {
	s.mu.Lock()
	twodisk.Write(twodisk.Disk1, 0, b) //@ linearize
	s.mu.Unlock()
}
