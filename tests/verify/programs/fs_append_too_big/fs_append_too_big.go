// Package fsappendtoobig is a verifier test: one Append of more than filesys.MaxAppend
// bytes (filesys panics: the data must be split into chunks).
//
// EXPECT fail safety at line 23
package fsappendtoobig

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ init
func Init() {
	filesys.Mkdir("recs")
}

func Put(id uint64) {
	f, ok := filesys.Create("recs", prims.UInt64ToString(id))
	if !ok {
		return
	}
	big := make([]byte, 5000)
	filesys.Append(f, big)
	filesys.Close(f)
}
