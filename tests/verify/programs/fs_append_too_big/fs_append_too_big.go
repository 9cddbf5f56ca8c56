// Package fsappendtoobig is a verifier test: one Append of more than filesys.MaxAppend
// bytes (filesys panics: the data must be split into chunks).
//
// EXPECT fail safety at line 20
package fsappendtoobig

import "armada/goose/machine/filesys"

//@ init
func Init() {
	filesys.Mkdir("recs")
}

func Put(id string) {
	f, ok := filesys.Create("recs", id)
	if !ok {
		return
	}
	big := make([]byte, 5000)
	filesys.Append(f, big)
	filesys.Close(f)
}
