// Package joingaugediskwrong is a verifier test: a durable gauge whose new level is clamped by
// nested ifs that only assign locals (one path after them), written in one atomic step under
// a lock; the spec clamps the same way, and the explorer runs it with crashes. Wrong: the upper clamp stores 89, not the spec's 90.
//
// EXPECT fail crash-inv at line 55
// EXPECT fail result at line 57
package joingaugediskwrong

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/prims"
)

//@ disk_size 1

//@ spec Gauge {
//@   state level: uint64
//@   op Move(up bool, by uint64) uint64 { level = up ? (by > uint64(90 - level) ? 90 : uint64(level + by)) : (by > uint64(level - 10) ? 10 : uint64(level - by)); return level }
//@   crash { }
//@ }

//@ crash_inv Gauge.level == prims.UInt64Get(disk.D[0])

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@   domain uint64 = {0, 5, 85}
//@ }

type G struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

// @ implements Gauge.Move
func (g *G) Move(up bool, by uint64) uint64 {
	g.mu.Lock()
	b := disk.Read(0)
	cur := prims.UInt64Get(b)
	next := cur
	if up {
		if by > 90-cur {
			next = 89
		} else {
			next = cur + by
		}
	} else {
		if by > cur-10 {
			next = 10
		} else {
			next = cur - by
		}
	}
	prims.UInt64Put(b, next)
	disk.Write(0, b) //@ linearize
	g.mu.Unlock()
	return next
}

// @ recover
func Open() *G {
	return &G{mu: new(sync.Mutex)}
}
