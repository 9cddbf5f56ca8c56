// Package fsloopcloseslent is a verifier test: a loop that closes a descriptor it was lent
// (as a parameter, and in a struct's field) on every iteration, and hands it back "open".
// The second iteration closes it again, and the caller gets a closed descriptor: each
// iteration must end with what was open at its start still open.
//
// EXPECT fail loop-invariant-preserved at line 25
// EXPECT fail loop-invariant-preserved at line 35
package fsloopcloseslent

import "armada/goose/machine/filesys"

type W struct {
	f filesys.File
}

//@ init
func Init() {
	filesys.Mkdir("d")
}

//@ requires filesys.Open[f]
//@ ensures filesys.Open[f]
func Param(f filesys.File) {
	var i uint64 = 0
	for i < 2 {
		filesys.Close(f)
		i = i + 1
	}
}

//@ requires w != nil && acc(w.f) && filesys.Open[w.f]
//@ ensures acc(w.f) && filesys.Open[w.f]
func Field(w *W) {
	var i uint64 = 0
	for i < 2 {
		filesys.Close(w.f)
		i = i + 1
	}
}
