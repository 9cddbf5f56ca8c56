// Package hostfsrecovercleannofsyncdir is host_fs_recover_clean with its seeded bug: after
// the Sync, recovery's own Delete is not made durable (no FsyncDir) before it hands the names
// out: a power loss after recovery may bring the temporary file back.
//
// EXPECT fail durability at line 55
package hostfsrecovercleannofsyncdir

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

//@ recover
func Recover() *Mail {
	filesys.Sync()
	names := filesys.List("tmp")
	if len(names) > 0 {
		filesys.Delete("tmp", names[0])
	}
	return &Mail{mu: new(sync.Mutex)}
}
