package corpus

import "armada/goose/machine/disk"

// The single-disk machine library.
func copyBlock(from uint64, to uint64) {
	if from >= disk.Size() || to >= disk.Size() {
		return
	}
	b := disk.Read(from)
	var c disk.Block = make([]byte, disk.BlockSize)
	copy(c, b)
	disk.Write(to, c)
	disk.Barrier()
}
