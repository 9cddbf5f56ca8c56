// Package fsspecnamesignorescreate is a verifier test: fs_spec_names whose Claim reports
// success even when Create found the name taken (two claims of one name both succeed; the
// explorer finds it too).
//
// EXPECT fail result at line 29
package fsspecnamesignorescreate

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
	if ok {
		filesys.Close(f)
	}
	return true
}

//@ recover
func Recover() {
}
