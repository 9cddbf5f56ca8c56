// Package bytestwodiskreadwrite: a block from twodisk.Read (a copy, per its doc) cannot be
// written in place: `v, ok := twodisk.Read(...)` is not recognised as fresh
// (/tmp/brief/byte_findings.md F13). Should verify.
//
// EXPECT verified
package bytestwodiskreadwrite

import "armada/goose/machine/twodisk"

//@ disk_size 1

//@ requires lease(twodisk.D1[0])
//@ ensures lease(twodisk.D1[0])
func tw() {
	v, ok := twodisk.Read(twodisk.Disk1, 0)
	if ok {
		v[0] = 1
		twodisk.Write(twodisk.Disk1, 0, v)
	}
}
