// Package joinlockedclampwrong is a verifier test: a level kept between a floor and a ceiling
// under a lock, moved by a step clamped with nested ifs that only assign locals (joined),
// then stored while the lock is held.
//
// EXPECT fail lock-inv at line 36
// EXPECT fail postcondition at line 37
package joinlockedclampwrong

import "sync"

type Gauge struct {
	mu    *sync.Mutex //@ lock_inv acc(level) && 10 <= level && level <= 90
	level uint64
}

//@ requires g != nil
//@ ensures 10 <= ret && ret <= 90
func (g *Gauge) Move(up bool, by uint64) uint64 {
	g.mu.Lock()
	cur := g.level
	next := cur
	if up {
		if by > 90-cur {
			next = 90
		} else {
			next = cur + by
		}
	} else {
		if by >= cur {
			next = 10
		} else {
			next = cur - by
		}
	}
	g.level = next
	g.mu.Unlock()
	return next
}
