// Package fsiflinkflaglate is fs_if_link_flag with its seeded bug: Set takes its step only in
// the branch where the Link failed (the flag was up already), so where the Link raised the
// flag the spec never does: the crash invariant fails right after the condition's Link.
//
// EXPECT fail crash-inv at line 52
package fsiflinkflaglate

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
			if !filesys.Link("spool", name, "d", "flag") {
				dup = 1 //@ linearize
			}
			filesys.Delete("spool", name)
			_ = dup
			return
		}
	}
}
