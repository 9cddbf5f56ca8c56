// Package hostdurablefsearly is host_durable_fs with its seeded bug: it asserts the message is
// durable in mail right after the Link, before the FsyncDir of mail that makes the new name
// durable (the file's bytes are, its name is not).
//
// EXPECT fail assert at line 47
package hostdurablefsearly

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
	//@ assert durable(filesys.Files["tmp"][name])
	f, ok := filesys.Create("tmp", name)
	if !ok {
		m.mu.Unlock()
		return false
	}
	//@ assert !durable(filesys.Dirs["tmp"][name]) && durable(filesys.Dirs["mail"][name])
	filesys.Append(f, msg)
	filesys.Fsync(f)
	//@ assert !durable(filesys.Files["tmp"][name])
	filesys.FsyncDir("tmp")
	//@ assert durable(filesys.Files["tmp"][name])
	filesys.Close(f)
	linked := filesys.Link("tmp", name, "mail", name)
	//@ assert durable(filesys.Files["mail"][name])
	filesys.FsyncDir("mail")
	filesys.Delete("tmp", name)
	filesys.FsyncDir("tmp")
	m.mu.Unlock()
	return linked
}
