// Package ghostfnpureimpure is a verifier test: a function marked pure that reads the disk is
// rejected (its value is not a function of its arguments).
package ghostfnpureimpure

import "armada/goose/machine/disk"

//@ pure // EXPECT error annot/pure at line 7
func header() byte {
	return disk.Read(0)[0]
}
