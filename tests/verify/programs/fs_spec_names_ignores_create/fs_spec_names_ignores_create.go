// Package fsspecnamesignorescreate is a verifier test: fs_spec_names whose Claim reports
// success even when Create found the name taken (two claims of one name both succeed; the
// explorer finds it too).
//
// EXPECT fail result at line 34
package fsspecnamesignorescreate

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
	if ok {
		filesys.Close(f)
	}
	return true
}

//@ recover
func Recover() {
}
