// Package leaseindexfield is a verifier test: a contract hands over a struct's field and the
// lease on the disk block the field names, in one clause (`requires acc(c.a) && c.a < N &&
// lease(disk.D[c.a])`). The lease is read with the field's value as the callee has it (as
// the clause's facts are), so the callee writes that block and hands the lease back, and the
// caller gets it back on the same block.
//
// Seeded bug: Put moves the cursor to the next block and writes that one, whose lease it
// does not hold.
//
// EXPECT fail lease at line 27
package leaseindexfield

import "armada/goose/machine/disk"

const N uint64 = 4

//@ disk_size N

type Cursor struct {
	a uint64
}

//@ requires c != nil && acc(c.a) && c.a < N && lease(disk.D[c.a]) && len(v) == disk.BlockSize
//@ ensures acc(c.a) && c.a == old(c.a) && lease(disk.D[c.a])
func Put(c *Cursor, v disk.Block) {
	c.a = (c.a + 1) % N
	disk.Write(c.a, v)
}

//@ requires b < N && lease(disk.D[b]) && len(v) == disk.BlockSize
//@ ensures lease(disk.D[b])
func Use(b uint64, v disk.Block) {
	c := &Cursor{a: b}
	Put(c, v)
	Put(c, v)
}
