package corpus

// The later Goose style: primitives in github.com/goose-lang/primitive, a disk.Disk value
// passed around (a handle on the machine's one disk), an asynchronous disk with Barrier.

import (
	"github.com/goose-lang/primitive"
	async "github.com/goose-lang/primitive/async_disk"
	pdisk "github.com/goose-lang/primitive/disk"
)

type BlockLog struct {
	d    pdisk.Disk
	size uint64
}

func OpenBlockLog() *BlockLog {
	d := pdisk.Get()
	return &BlockLog{d: d, size: d.Size()}
}

func (l *BlockLog) Append(a uint64, v uint64) {
	b := make([]byte, pdisk.BlockSize)
	primitive.UInt64Put(b, v)
	l.d.Write(a, b)
	l.d.Barrier()
}

func (l *BlockLog) Get(a uint64) uint64 {
	return primitive.UInt64Get(l.d.Read(a))
}

func Flush(d async.Disk) {
	b := d.Read(0)
	d.Write(1, b)
	d.Barrier()
}
