// Package hostfsrecoverhelper is a verifier test of recovery under crash_model host with
// filesys: recovery makes the crashed generation's operations durable (filesys.Sync) and then
// lends the temporary directory's names to a helper that removes a leftover file that is
// not a whole message, durably.
//
// EXPECT verified
package hostfsrecoverhelper

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

//@ requires filesys.Dirs["tmp"][name] && (forall n string :: lease(filesys.Dirs["tmp"][n]))
//@ ensures forall n string :: lease(filesys.Dirs["tmp"][n])
func clean(name string) {
	f := filesys.Open("tmp", name)
	b := filesys.ReadAt(f, 0, 8)
	filesys.Close(f)
	if len(b) < 8 {
		filesys.Delete("tmp", name)
		filesys.FsyncDir("tmp")
	}
}

//@ recover
func Recover() *Mail {
	filesys.Sync()
	names := filesys.List("tmp")
	if len(names) > 0 {
		clean(names[0])
	}
	return &Mail{mu: new(sync.Mutex)}
}
