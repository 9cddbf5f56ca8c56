// Package fsmessageids is a verifier test of Mailboat's delivery into a mailbox directory:
// the message ID is "msg", the arrival number padded with zeros from a constant string, "."
// and the size (a pure function, so its names are known valid file names); the file is
// created under a fresh number until the name is free, in a loop left only by `break`
// (after it, the descriptor is the one the last Create gave), and written in chunks.
//
// EXPECT warning progress at line 41 (the retry loop: nothing bounds the numbers it tries)
package fsmessageids

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

const zeros = "00000000000000000000"

// Box hands out arrival numbers.
type Box struct {
	mu   *sync.Mutex //@ lock_inv acc(next)
	next uint64
}

//@ init
func Init() *Box {
	filesys.Mkdir("box")
	return &Box{mu: new(sync.Mutex), next: 0}
}

//@ pure
func messageID(seq uint64, size uint64) string {
	return "msg" + zeros[len(prims.UInt64ToString(seq)):] + prims.UInt64ToString(seq) + "." + prims.UInt64ToString(size)
}

// Deliver stores msg under a new message ID and returns the ID.
func (b *Box) Deliver(msg []byte) string {
	size := uint64(len(msg))
	var id string
	var f filesys.File
	for {
		b.mu.Lock()
		seq := b.next
		b.next = seq + 1
		b.mu.Unlock()
		id = messageID(seq, size)
		g, ok := filesys.Create("box", id)
		if ok {
			f = g
			break
		}
	}
	var off uint64 = 0
	for off < size {
		end := off + filesys.MaxAppend
		if end > size {
			end = size
		}
		filesys.Append(f, msg[off:end])
		off = end
	}
	filesys.Close(f)
	return id
}
