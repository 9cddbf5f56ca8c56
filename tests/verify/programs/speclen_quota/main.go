// Package speclenquota is a verifier test of `len` and `has` of a spec map inside an op:
// Take grants a key if it was granted before, or if fewer than Q keys are granted (len), and
// refuses otherwise. The code mirrors the granted keys in a Go map under a lock that owns
// the spec's map; each branch takes the spec step where it decides.
//
// EXPECT verified
package speclenquota

import "sync"

const K uint64 = 3
const Q uint64 = 2

//@ spec Quota {
//@   state used: map[uint64]bool
//@   op Take(k uint64) bool {
//@     require k < K
//@     if has(used, k) { return true }
//@     if len(used) < Q { used[k] = true; return true }
//@     return false
//@   }
//@   crash { delete(used, 0); delete(used, 1); delete(used, 2) }
//@ }

//@ crash_inv forall k uint64 :: has(Quota.used, k) ==> k < K
//@ crash_inv len(Quota.used) == (has(Quota.used, 0) ? 1 : 0) + (has(Quota.used, 1) ? 1 : 0) + (has(Quota.used, 2) ? 1 : 0)

//@ explore {
//@   goroutines 3; ops 1; crashes 1
//@   domain uint64 = {0, 1, 2}
//@ }

type Grants struct {
	mu *sync.Mutex //@ lock_inv acc(m) && m != nil && (forall k uint64 :: acc(m[k])) && acc(Quota.used) && len(m) == len(Quota.used) && (forall k uint64 :: has(m, k) == has(Quota.used, k))
	m  map[uint64]bool
}

//@ implements Quota.Take
//@ requires k < K
func (g *Grants) Take(k uint64) bool {
	g.mu.Lock()
	_, ok := g.m[k]
	if ok {
		g.mu.Unlock() //@ linearize
		return true
	}
	if uint64(len(g.m)) < Q {
		g.m[k] = true //@ linearize
		g.mu.Unlock()
		return true
	}
	g.mu.Unlock() //@ linearize
	return false
}

//@ recover
func Recover() *Grants {
	m := make(map[uint64]bool) //@ crash_step
	return &Grants{mu: new(sync.Mutex), m: m}
}
