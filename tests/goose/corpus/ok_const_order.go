package corpus

import "armada/goose/machine/disk"

// Package constants may refer to constants declared later (Go resolves them in any order).
const Total = PerBlock * Blocks

const (
	PerBlock uint64 = disk.BlockSize / Entry
	Entry           = 8
	Blocks          = 4
)

func capacity() uint64 {
	return Total
}
