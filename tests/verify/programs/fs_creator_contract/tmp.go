// Package fscreatorcontract is a verifier test of a creator directory whose names move by
// contract: Scratch creates a temporary file under a random name (its creator holds the
// name), writes it, and hands the name to discard, whose precondition asks for the lease on
// the entry (and so that the name exists); discard deletes it.
//
// EXPECT verified
package fscreatorcontract

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
	return true
}
