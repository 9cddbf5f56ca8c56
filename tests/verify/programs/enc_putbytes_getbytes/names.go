// Package encputbytesgetbytes is a verifier test: a directory entry block holds an inode
// number at offset 0 and a 16-byte name at offset 8 (enc.PutBytes / enc.GetBytes); lookups
// decode both, and the crash invariant says the name field holds the spec's name once one
// was set (the spec's zero []byte is a zeroed block).
//
// EXPECT verified
package encputbytesgetbytes

import (
	"sync"

	"armada/goose/machine/disk"
	"armada/goose/machine/enc"
)

const (
	offIno  uint64 = 0
	offName uint64 = 8
	nameLen uint64 = 16
)

//@ disk_size 1
//@ spec Dir {
//@   state ino: uint64
//@   state name: []byte
//@   op Set(i uint64, n []byte) { require len(n) == nameLen; ino = i; name = n }
//@   op Ino() uint64 { return ino }
//@   crash { }
//@ }

//@ crash_inv Dir.ino == enc.Get64(disk.D[0], offIno) &&
//@   (len(Dir.name) == nameLen ==> (forall j uint64 :: j < nameLen ==> Dir.name[j] == disk.D[0][offName+j]))

type D struct {
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}

//@ implements Dir.Set
//@ requires len(n) == nameLen
func (d *D) Set(i uint64, n []byte) {
	d.mu.Lock()
	b := disk.Read(0)
	enc.Put64(b, offIno, i)
	enc.PutBytes(b, offName, n)
	disk.Write(0, b) //@ linearize
	d.mu.Unlock()
}

//@ implements Dir.Ino
func (d *D) Ino() uint64 {
	d.mu.Lock()
	b := disk.Read(0) //@ linearize
	d.mu.Unlock()
	return enc.Get64(b, offIno)
}

//@ recover
func Open() *D {
	b := disk.Read(0)
	if enc.Get64(b, offIno) == 0 {
		_ = enc.GetBytes(b, offName, nameLen)
	}
	return &D{mu: new(sync.Mutex)}
}
