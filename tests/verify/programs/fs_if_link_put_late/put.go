// Package fsiflinkputlate is fs_if_link_put with its seeded bug: the `linearize` is on the
// Delete in the branch, not on the `if` whose condition links the key. Right after the Link
// the key is in "keys" while the spec has not stored it: the crash invariant fails at the
// `if` (a crash there would lose a key recovery cannot tell from a stored one).
//
// EXPECT fail crash-inv at line 59
package fsiflinkputlate

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
			if filesys.Link("spool", name, "keys", keyName(k)) {
				filesys.Delete("spool", name) //@ linearize
				return true
			}
			filesys.Delete("spool", name)
			return false
		}
	}
}
