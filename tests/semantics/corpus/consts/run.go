package main

const Base uint64 = 1 << 10

const Name = "blk"

const (
	A = Base + 2
	B = A * 3
)

func Run() (uint64, uint64, string, uint64) {
	return A, B, Name + "!", Base - 1
}
