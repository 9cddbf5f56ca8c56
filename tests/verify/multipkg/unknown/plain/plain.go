// Package plain is a callee package: Size has no contract, Broken does not verify
// (see unknown/broken), Peek's contract names a field.
//
// EXPECT verified
package plain

// Size returns 4096.
func Size() uint64 {
	return 4096
}

// Box holds a number.
type Box struct {
	v uint64
}

// Peek returns the number in b.
//
//@ requires b != nil && acc(b.v)
//@ ensures acc(b.v) && ret == b.v
func Peek(b *Box) uint64 {
	return b.v
}
