// Package bytescr is a seeded bug of bytes_chunks_roundtrip: the reader advances by 512
// whatever ReadAt returned, so after a short read its offset passes the end of the data.
//
// EXPECT fail loop-invariant-preserved at line 44
package bytescr

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "d"

//@ init
func Init() {
	filesys.Mkdir("d")
}

// Copy writes data into a new file in chunks, closes it, opens it again and reads it back in
// chunks; what it read is data.
//
//@ ensures ret1 ==> ret0 == data
func Copy(id uint64, data []byte) ([]byte, bool) {
	name := prims.UInt64ToString(id)
	f, made := filesys.Create("d", name)
	if !made {
		return make([]byte, 0), false
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
	r := filesys.Open("d", name)
	out := make([]byte, 0)
	var at uint64 = 0
	for {
		//@ invariant filesys.Files["d"][name] == data && out == data[:at] && at <= uint64(len(data))
		//@ decreases uint64(len(data)) - at
		chunk := filesys.ReadAt(r, at, 512)
		if uint64(len(chunk)) == 0 {
			break
		}
		out = append(out, chunk...)
		at = at + 512
	}
	filesys.Close(r)
	filesys.Delete("d", name)
	return out, true
}
