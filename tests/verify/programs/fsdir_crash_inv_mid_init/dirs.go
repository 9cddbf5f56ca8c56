// Package fsdircrashinv is a verifier test: the crash invariant claims every user directory
// exists, but init makes them one at a time, and a crash between two Mkdirs leaves some
// missing (a crash during init is followed by recovery, which would rely on them). The
// crash invariant fails where init starts, before any Mkdir.
//
// EXPECT fail crash-inv at line 26
// EXPECT fail crash-inv at line 28
package fsdircrashinv

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// N is the number of users.
const N uint64 = 2

//@ pure
func userDir(u uint64) string {
	return "u" + prims.UInt64ToString(u)
}

//@ crash_inv forall u uint64 :: u < N ==> filesys.IsDir[userDir(u)]

//@ init
func Init() {
	var u uint64 = 0
	for u < N {
		//@ invariant u <= N
		filesys.Mkdir(userDir(u))
		u = u + 1
	}
}

//@ recover
func Recover() {
}
