package filesys

import (
	"fmt"
	"sync/atomic"
)

// holder wraps the ambient file system so that it can live in an atomic.Pointer.
type holder struct{ fs FS }

var ambient atomic.Pointer[holder]

// Use makes fs the file system that the package-level functions operate on.
func Use(fs FS) {
	if fs == nil {
		panic("filesys.Use: nil file system")
	}
	ambient.Store(&holder{fs})
}

// UseMem makes a fresh, empty MemFS the ambient file system and returns it.
func UseMem() *MemFS {
	fs := NewMemFS()
	Use(fs)
	return fs
}

// Current returns the file system in use; it panics if Use was never called.
func Current() FS {
	h := ambient.Load()
	if h == nil {
		panic("filesys: no file system in use; call filesys.Use(fs) or filesys.UseMem() first")
	}
	return h.fs
}

// Create makes the file dir/name, which must not exist, and opens it for appending. It
// returns false, and no descriptor, if dir/name already exists.
func Create(dir, name string) (File, bool) { return Current().Create(dir, name) }

// Append writes data at the end of the file f, which must come from Create and be open. It
// panics if len(data) > MaxAppend.
func Append(f File, data []byte) { Current().Append(f, data) }

// Close releases the descriptor f; it panics if f is not open.
func Close(f File) { Current().Close(f) }

// Open opens the file dir/name read-only; it panics if there is no such file.
func Open(dir, name string) File { return Current().Open(dir, name) }

// ReadAt returns the bytes of the file f from offset off, up to length bytes: fewer at the
// end of the file, none at or beyond it. f must come from Open and be open.
func ReadAt(f File, off uint64, length uint64) []byte { return Current().ReadAt(f, off, length) }

// Delete removes the entry dir/name; it panics if there is no such file. Descriptors open
// on the file keep working.
func Delete(dir, name string) { Current().Delete(dir, name) }

// Link makes newDir/newName a second name of the file oldDir/oldName. It returns false if
// newDir/newName already exists and panics if oldDir/oldName does not.
func Link(oldDir, oldName, newDir, newName string) bool {
	return Current().Link(oldDir, oldName, newDir, newName)
}

// List returns the names of the files in dir, sorted.
func List(dir string) []string { return Current().List(dir) }

// Mkdir makes the top-level directory dir if it does not exist yet (set-up).
func Mkdir(dir string) { Current().Mkdir(dir) }

// Fsync makes the current contents of the file f durable across a host crash.
func Fsync(f File) { Current().Fsync(f) }

// FsyncDir makes the current entries of dir durable across a host crash.
func FsyncDir(dir string) { Current().FsyncDir(dir) }

// Sync makes the whole file system durable across a host crash: every directory's current
// entries and every file's current bytes, including what other threads, or a generation
// that crashed (a process crash keeps unsynced state unsynced), left unsynced. Recovery
// calls it before it hands names out. It panics if the file system in use has no Sync.
func Sync() {
	fs := Current()
	s, ok := fs.(Syncer)
	if !ok {
		panic(fmt.Sprintf("filesys.Sync: the file system in use (%T) has no Sync method", fs))
	}
	s.Sync()
}
