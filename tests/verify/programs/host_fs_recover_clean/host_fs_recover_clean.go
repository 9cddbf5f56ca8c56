// Package hostfsrecoverclean is a verifier test of recovery under crash_model host with
// filesys: the mail-delivery pattern (host_fs_mail), whose recovery removes a temporary file a
// crashed Deliver left behind. It first makes the crashed generation's operations durable
// (filesys.Sync), then deletes and makes the deletion durable (FsyncDir) before it returns.
//
// EXPECT verified
package hostfsrecoverclean

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
		filesys.FsyncDir("tmp")
	}
	return &Mail{mu: new(sync.Mutex)}
}
