// Package fsiflinkput is a verifier test the explorer checks too: Put(k) links a spool file
// into "keys" in an `if` condition (`if filesys.Link(...)`). The condition is the `if`'s
// atomic step: its trailing `linearize` takes effect and the crash invariant is checked
// right after the Link, before either branch.
//
// EXPECT verified
package fsiflinkput

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "spool"

//@ spec Keys {
//@   state has: map[uint64]bool
//@   op Put(k uint64) bool { require k < 2; if has[k] { return false }; has[k] = true; return true }
//@   crash { }
//@ }

//@ crash_inv forall k uint64 :: k < 2 ==> Keys.has[k] == filesys.Dirs["keys"][keyName(k)]

//@ explore {
//@   goroutines 2; ops 1
//@   domain uint64 = {0, 1}
//@ }

//@ pure
func keyName(k uint64) string {
	return "k" + prims.UInt64ToString(k)
}

//@ init
func Init() {
	filesys.Mkdir("spool")
	filesys.Mkdir("keys")
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

//@ implements Keys.Put
//@ requires k < 2
func Put(k uint64) bool {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create("spool", name)
		if ok {
			filesys.Close(f)
			if filesys.Link("spool", name, "keys", keyName(k)) { //@ linearize
				filesys.Delete("spool", name)
				return true
			}
			filesys.Delete("spool", name)
			return false
		}
	}
}
