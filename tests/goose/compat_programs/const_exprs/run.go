package main

const MaxU64 = ^uint64(0)

const Offset = 10 - 20 + 30 + (0-7)/2 + (0-7)%3 + ^0 + 2

const Top = MaxU64 >> 60

const Mask uint32 = 1<<32 - 1

// Constant expressions whose value fits uint64 though they go negative along the way
// (Go's truncating division), and wrapping arithmetic on typed values.
func Run() (uint64, uint64, uint64, uint32, uint64) {
	x := uint32(Mask)
	x += 5
	y := MaxU64
	y++
	return Offset, Top, MaxU64 / 3, x, y
}
