// Package bytescf is a seeded bug of bytes_chunks_file: the loop skips one byte after each
// chunk, so the file is not data[:off] (and not data at the end).
//
// EXPECT fail loop-invariant-preserved at line 29
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
		if off < uint64(len(data)) {
			off = off + 1
		}
	}
	filesys.Close(f)
	return true
}
