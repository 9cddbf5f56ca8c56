// Package fsiflinkflag is a verifier test the explorer checks too: Set raises a flag kept as
// a file name, linking a fresh spool file to "d/flag" under `!` in an `if` condition (the
// Link fails when the flag is up already, and the op is then a no-op). The op takes effect
// at the condition's Link, whichever way it goes; the crash invariant is checked there.
//
// EXPECT verified
package fsiflinkflag

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "spool"

//@ spec Flag {
//@   state up: bool
//@   op Set() { up = true }
//@   crash { }
//@ }

//@ crash_inv Flag.up == filesys.Dirs["d"]["flag"]

//@ explore {
//@   goroutines 2; ops 1
//@ }

//@ init
func Init() {
	filesys.Mkdir("spool")
	filesys.Mkdir("d")
}

//@ recover
func Recover() {
	names := filesys.List("spool")
	var i uint64 = 0
	for i < uint64(len(names)) {
		//@ invariant i <= len(names) && (forall j uint64 :: i <= j && j < len(names) ==> filesys.Dirs["spool"][names[j]])
		filesys.Delete("spool", names[i])
		i = i + 1
	}
}

//@ implements Flag.Set
func Set() {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create("spool", name)
		if ok {
			filesys.Close(f)
			var dup uint64
			if !filesys.Link("spool", name, "d", "flag") { //@ linearize
				dup = 1
			}
			filesys.Delete("spool", name)
			_ = dup
			return
		}
	}
}
