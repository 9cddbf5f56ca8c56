// Package fsspecnames is a verifier test with a spec the explorer checks too: Claim takes a
// name for good by creating its file (Create is exclusive and atomic), so of two claims of
// one name exactly one succeeds, across crashes as well.
//
// EXPECT verified
package fsspecnames

import "armada/goose/machine/filesys"

//@ spec Names {
//@   state used: map[string]bool
//@   op Claim(id string) bool { if used[id] { return false }; used[id] = true; return true }
//@   crash { }
//@ }

//@ crash_inv forall n string :: Names.used[n] == filesys.Dirs["names"][n]

//@ init
func Init() {
	filesys.Mkdir("names")
}

//@ implements Names.Claim
func Claim(id string) bool {
	f, ok := filesys.Create("names", id) //@ linearize
	if !ok {
		return false
	}
	filesys.Close(f)
	return true
}

//@ recover
func Recover() {
}
