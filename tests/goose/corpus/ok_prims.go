package corpus

import "armada/goose/machine/prims"

// Little-endian encoding and random numbers from the machine library.
func encode(x uint64) []byte {
	b := make([]byte, 8)
	prims.UInt64Put(b, x)
	return b
}

func decode(b []byte) uint64 {
	return prims.UInt64Get(b)
}

func randomName() string {
	return "f" + prims.UInt64ToString(prims.RandomUint64()%1000)
}
