// Package encappendrecord is a verifier test: a log entry built with enc.Append64 (a sequence
// number, then a value), padded to a block and written to the next log slot; recovery-free
// readers decode both fields with enc.Get64 at the offsets the appends produced.
//
// EXPECT verified
package encappendrecord

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

//@ disk_size 1
//@ spec L {
//@   state seq: uint64
//@   state val: uint64
//@   op Put(v uint64) { seq = uint64(seq + 1); val = v }
//@   op Get() uint64 { return val }
//@   crash { }
//@ }

//@ crash_inv L.seq == enc.Get64(disk.D[0], 0) && L.val == enc.Get64(disk.D[0], 8)

//@ explore {
//@   goroutines 2; ops 1; crashes 1
//@ }

type Log struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

// entry is the block of entry (seq, v).
//
//@ ensures len(ret) == disk.BlockSize && enc.Get64(ret, 0) == seq && enc.Get64(ret, 8) == v
func entry(seq uint64, v uint64) []byte {
	b := make([]byte, 0)
	b = enc.Append64(b, seq)
	b = enc.Append64(b, v)
	b = append(b, make([]byte, disk.BlockSize-16)...)
	return b
}

//@ implements L.Put
func (l *Log) Put(v uint64) {
	l.mu.Lock()
	old := disk.Read(0)
	disk.Write(0, entry(enc.Get64(old, 0)+1, v)) //@ linearize
	l.mu.Unlock()
}

//@ implements L.Get
func (l *Log) Get() uint64 {
	l.mu.Lock()
	b := disk.Read(0) //@ linearize
	l.mu.Unlock()
	return enc.Get64(b, 8)
}

//@ recover
func Open() *Log {
	return &Log{mu: new(sync.Mutex)}
}
