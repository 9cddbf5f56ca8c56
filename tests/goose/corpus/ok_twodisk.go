package corpus

import "armada/goose/machine/twodisk"

// The two-disk machine library: reads report whether the disk has failed.
func readEither(a uint64) twodisk.Block {
	v, ok := twodisk.Read(twodisk.Disk1, a)
	if ok {
		return v
	}
	v2, _ := twodisk.Read(twodisk.Disk2, a)
	return v2
}

func writeBoth(a uint64, v twodisk.Block) {
	var d twodisk.DiskId = twodisk.Disk1
	twodisk.Write(d, a, v)
	twodisk.Write(twodisk.Disk2, a, v)
	if a >= twodisk.Size() {
		panic("out of range")
	}
}
