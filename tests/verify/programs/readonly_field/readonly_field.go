// Package readonlyfield is a verifier test: readonly field.
//
// EXPECT verified
package readonlyfield

// size is set when the struct is built and never assigned again: reading it needs no lock.
type Table struct {
	size uint64
}

//@ ensures ret.size == n
func newTable(n uint64) *Table {
	return &Table{size: n}
}

//@ requires t != nil
func (t *Table) Size() uint64 {
	return t.size
}
