// Package fsleakinloop is a verifier test: recovery opens every record file in a loop to
// read it and forgets to close the descriptor; each iteration leaks one.
//
// EXPECT fail fd-leak at line 24
package fsleakinloop

import "armada/goose/machine/filesys"

//@ crash_inv forall n string :: filesys.Dirs["recs"][n] ==> len(filesys.Files["recs"][n]) <= 16

//@ init
func Init() {
	filesys.Mkdir("recs")
}

//@ recover
//@ ensures ret <= 1000
func Recover() uint64 {
	names := filesys.List("recs")
	var n uint64
	for i := uint64(0); i < uint64(len(names)) && i < 1000; i++ {
		//@ invariant n <= i && i <= 1000
		//@ invariant forall k uint64 :: k < uint64(len(names)) ==> filesys.Dirs["recs"][names[k]]
		f := filesys.Open("recs", names[i])
		b := filesys.ReadAt(f, 0, 16)
		if len(b) == 16 {
			n++
		}
	}
	return n
}
