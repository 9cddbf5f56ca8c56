// Package fsmessageidsslash is fs_message_ids with a seeded bug: the ID separates the size
// with "/" instead of ".", so it is a path of two components and Create panics.
//
// EXPECT fail safety at line 44
package fsmessageidsslash

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
	return "msg" + zeros[len(prims.UInt64ToString(seq)):] + prims.UInt64ToString(seq) + "/" + prims.UInt64ToString(size)
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
