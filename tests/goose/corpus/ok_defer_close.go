package corpus

import "armada/goose/machine/filesys"

// defer of filesys.Close.
func readAll(dir string, name string) []byte {
	f := filesys.Open(dir, name)
	defer filesys.Close(f)
	var out []byte
	off := uint64(0)
	for {
		chunk := filesys.ReadAt(f, off, 4096)
		if len(chunk) == 0 {
			break
		}
		out = append(out, chunk...)
		off += uint64(len(chunk))
	}
	return out
}
