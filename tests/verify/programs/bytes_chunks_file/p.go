// Package bytescf is a verifier test of byte-slice equality through a chunk loop: Put writes
// data into a new file in appends of at most filesys.MaxAppend bytes, and its contract says
// the file then holds exactly data, not only as many bytes. The loop invariant says the file
// holds data[:off]; appending data[off:end] to it gives data[:end], and after the last chunk
// data[:len(data)] is data.
//
// EXPECT verified
package bytescf

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "d"

//@ init
func Init() {
	filesys.Mkdir("d")
}

// Put writes data into a new file in chunks and promises the file holds exactly data.
//
//@ ensures ret ==> filesys.Files["d"][prims.UInt64ToString(id)] == data
func Put(id uint64, data []byte) bool {
	name := prims.UInt64ToString(id)
	f, ok := filesys.Create("d", name)
	if !ok {
		return false
	}
	var off uint64 = 0
	for off < uint64(len(data)) {
		//@ invariant off <= uint64(len(data)) && filesys.Files["d"][name] == data[:off]
		//@ decreases uint64(len(data)) - off
		end := off + filesys.MaxAppend
		if end > uint64(len(data)) {
			end = uint64(len(data))
		}
		filesys.Append(f, data[off:end])
		off = end
	}
	filesys.Close(f)
	return true
}
