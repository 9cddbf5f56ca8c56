// Package hostdurablefs is a verifier test of durable(...) over the file system under
// crash_model host: the mail-delivery pattern, asserting at each step which names and files a
// power loss can no longer change (and which it still can), and promising a durable message.
//
// EXPECT verified
package hostdurablefs

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
	//@ assert linked ==> !durable(filesys.Dirs["mail"][name])
	filesys.FsyncDir("mail")
	//@ assert durable(filesys.Files["mail"][name])
	filesys.Delete("tmp", name)
	filesys.FsyncDir("tmp")
	m.mu.Unlock()
	return linked
}
