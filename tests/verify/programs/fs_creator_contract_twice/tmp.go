// Package fscreatorcontracttwice is a verifier test of a creator directory: Scratch hands
// its temporary name to discard twice; the first call deleted it (and gave the name up),
// so the second cannot have the lease (nor the file: Delete would panic).
//
// EXPECT fail precondition at line 39
package fscreatorcontracttwice

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "tmp"

//@ init
func Init() {
	filesys.Mkdir("tmp")
}

//@ recover
func Recover() {
}

//@ requires lease(filesys.Dirs["tmp"][n])
func discard(n string) {
	filesys.Delete("tmp", n)
}

//@ requires len(data) <= filesys.MaxAppend
func Scratch(data []byte) bool {
	name := prims.UInt64ToString(prims.RandomUint64())
	f, ok := filesys.Create("tmp", name)
	if !ok {
		return false
	}
	filesys.Append(f, data)
	filesys.Close(f)
	discard(name)
	discard(name)
	return true
}
