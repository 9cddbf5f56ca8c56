// Package hostfsmailhelperunsynced is host_fs_mail_helper with a seeded bug: the helper
// returns the names to its caller with the Link still unsynced (no FsyncDir of mail): the
// caller's crash points would not know it.
//
// EXPECT fail durability at line 42
package hostfsmailhelperunsynced

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

//@ requires len(msg) == 8 && (forall n string :: lease(filesys.Dirs["tmp"][n])) && (forall n string :: lease(filesys.Dirs["mail"][n]))
//@ ensures (forall n string :: lease(filesys.Dirs["tmp"][n])) && (forall n string :: lease(filesys.Dirs["mail"][n]))
func put(id uint64, msg []byte) bool {
	name := prims.UInt64ToString(id)
	f, ok := filesys.Create("tmp", name)
	if !ok {
		return false
	}
	filesys.Append(f, msg)
	filesys.Fsync(f)
	filesys.Close(f)
	linked := filesys.Link("tmp", name, "mail", name)
	filesys.Delete("tmp", name)
	filesys.FsyncDir("tmp")
	return linked
}

//@ requires len(msg) == 8
func (m *Mail) Deliver(id uint64, msg []byte) bool {
	m.mu.Lock()
	ok := put(id, msg)
	m.mu.Unlock()
	return ok
}
