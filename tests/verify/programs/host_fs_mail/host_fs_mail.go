// Package hostfsmail is a verifier test of filesys under crash_model host outside init: the
// mail-delivery pattern. Deliver writes a message into tmp/<id>, makes its bytes durable
// (Fsync), links it into mail/<id>, makes that name durable (FsyncDir), then removes the
// temporary name. A power loss at any point leaves in mail only whole messages. The lock
// owns every name of both directories, so no other thread touches the names Deliver works
// on until its operations are durable (it syncs before Unlock).
//
// EXPECT verified
package hostfsmail

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
	"sync"
)

//@ crash_model host
//@ crash_inv forall n string :: filesys.Dirs["mail"][n] ==> len(filesys.Files["mail"][n]) == 8

type Mail struct {
	mu *sync.Mutex //@ lock_inv (forall n string :: lease(filesys.Dirs["tmp"][n])) && (forall n string :: lease(filesys.Dirs["mail"][n]))
}

//@ init
func Init() *Mail {
	filesys.Mkdir("tmp")
	filesys.Mkdir("mail")
	return &Mail{mu: new(sync.Mutex)}
}

//@ requires len(msg) == 8
func (m *Mail) Deliver(id uint64, msg []byte) bool {
	name := prims.UInt64ToString(id)
	m.mu.Lock()
	f, ok := filesys.Create("tmp", name)
	if !ok {
		m.mu.Unlock()
		return false
	}
	filesys.Append(f, msg)
	filesys.Fsync(f)
	filesys.Close(f)
	linked := filesys.Link("tmp", name, "mail", name)
	filesys.FsyncDir("mail")
	filesys.Delete("tmp", name)
	filesys.FsyncDir("tmp")
	m.mu.Unlock()
	return linked
}
