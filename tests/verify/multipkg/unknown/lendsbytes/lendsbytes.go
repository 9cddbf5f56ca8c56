// Package lendsbytes lends a byte slice to a function of another package that writes into
// it: not supported yet (its copy of the array would not see the write), so unknown.
//
// EXPECT unknown writes into its parameter b
package lendsbytes

import (
	"armada/goose/machine/enc"
	"armada/tests/verify/multipkg/unknown/bytewriter"
)

//@ ensures ret == 0
func Use(x uint64) uint64 {
	b := make([]byte, 8)
	bytewriter.Put(b, x)
	return enc.Get64(b, 0)
}
