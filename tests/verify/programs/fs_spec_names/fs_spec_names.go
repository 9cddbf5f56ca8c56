// Package fsspecnames is a verifier test with a spec the explorer checks too: Claim takes one of
// two names for good by creating its file (Create is exclusive and atomic), so of two claims of
// one name exactly one succeeds, across crashes as well.
//
// EXPECT verified
package fsspecnames

import "armada/goose/machine/filesys"

//@ spec Names {
//@   state used: map[uint64]bool
//@   op Claim(slot uint64) bool { require slot < 2; if used[slot] { return false }; used[slot] = true; return true }
//@   crash { }
//@ }

//@ crash_inv Names.used[0] == filesys.Dirs["names"]["a"] && Names.used[1] == filesys.Dirs["names"]["b"]

//@ init
func Init() {
	filesys.Mkdir("names")
}

//@ implements Names.Claim
//@ requires slot < 2
func Claim(slot uint64) bool {
	name := "a"
	if slot == 1 {
		name = "b"
	}
	f, ok := filesys.Create("names", name) //@ linearize
	if !ok {
		return false
	}
	filesys.Close(f)
	return true
}

//@ recover
func Recover() {
}
