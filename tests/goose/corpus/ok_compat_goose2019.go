package corpus

// Goose's 2019 machine library: the primitives in package machine, an ambient disk and
// file system. Each maps to Armada's prims, disk and filesys.

import (
	"github.com/tchajed/goose/machine"
	"github.com/tchajed/goose/machine/disk"
	"github.com/tchajed/goose/machine/filesys"
)

func EncodeHeader(n uint64) disk.Block {
	b := make(disk.Block, disk.BlockSize)
	machine.UInt64Put(b, n)
	machine.UInt64Put(b[8:], machine.RandomUint64())
	return b
}

func WriteHeader(n uint64) {
	disk.Write(0, EncodeHeader(n))
	disk.Barrier()
}

func ReadHeader() uint64 {
	if disk.Size() == 0 {
		return 0
	}
	return machine.UInt64Get(disk.Read(0))
}

func SaveCount(n uint64) bool {
	f, ok := filesys.Create("spool", machine.UInt64ToString(n))
	if !ok {
		return false
	}
	filesys.Append(f, []byte("x"))
	filesys.Close(f)
	return true
}
