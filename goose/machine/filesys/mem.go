package filesys

import (
	"fmt"
	"sort"
	"sync"
)

// MemFS is an in-memory file system of inodes, directory entries and file descriptors,
// safe for concurrent use, that can simulate a process crash or a host crash (see the
// package documentation for the exact model).
type MemFS struct {
	mu      sync.Mutex
	crashed bool
	dirs    map[string]*memDir
	fds     map[File]*memFD
}

// memDir is a directory: its current entries, those as of its last FsyncDir, and the
// operations on it since then, in order (what a host crash may or may not keep).
type memDir struct {
	entries map[string]*inode
	durable map[string]*inode
	ops     []dirOp
}

// dirOp is a change of a directory's entries: name made to name ino (Create, Link) or
// removed (Delete, ino nil).
type dirOp struct {
	name string
	ino  *inode
}

// inode is a file's contents; the first synced bytes are durable (files only grow).
type inode struct {
	data   []byte
	synced int
}

// memFD is an open descriptor: the inode it refers to and whether it was opened by Open.
type memFD struct {
	ino      *inode
	readOnly bool
}

// NewMemFS returns an empty in-memory file system with no directories.
func NewMemFS() *MemFS {
	return &MemFS{dirs: map[string]*memDir{}, fds: map[File]*memFD{}}
}

// lock takes the file system's lock; it panics with ErrCrashed if the file system crashed.
func (fs *MemFS) lock() {
	fs.mu.Lock()
	if fs.crashed {
		fs.mu.Unlock()
		panic(ErrCrashed)
	}
}

func (fs *MemFS) dir(op, dir string) *memDir {
	checkName(op, dir)
	d := fs.dirs[dir]
	if d == nil {
		panic(fmt.Sprintf("filesys: %s: no directory %q; create it with Mkdir", op, dir))
	}
	return d
}

func (fs *MemFS) fd(op string, f File) *memFD {
	d := fs.fds[f]
	if d == nil {
		panic(notOpen(op, f))
	}
	return d
}

// lookup returns the inode dir/name names, panicking if there is none.
func (fs *MemFS) lookup(op, dir, name string) *inode {
	d := fs.dir(op, dir)
	checkName(op, name)
	ino := d.entries[name]
	if ino == nil {
		panic(fmt.Sprintf("filesys: %s(%q, %q): no such file", op, dir, name))
	}
	return ino
}

// Create makes dir/name exclusively and opens it for appending; false if it exists.
func (fs *MemFS) Create(dir, name string) (File, bool) {
	fs.lock()
	defer fs.mu.Unlock()
	d := fs.dir("Create", dir)
	checkName("Create", name)
	if d.entries[name] != nil {
		return File{}, false
	}
	ino := &inode{}
	d.entries[name] = ino
	d.ops = append(d.ops, dirOp{name, ino})
	f := newFile()
	fs.fds[f] = &memFD{ino: ino}
	return f, true
}

// Append writes data at the end of f's file; it panics if len(data) > MaxAppend or f is
// not a descriptor from Create that is still open.
func (fs *MemFS) Append(f File, data []byte) {
	checkAppend(f, data)
	fs.lock()
	defer fs.mu.Unlock()
	d := fs.fd("Append", f)
	if d.readOnly {
		panic(readOnly(f))
	}
	d.ino.data = append(d.ino.data, data...)
}

// Close releases f; it panics if f is not open.
func (fs *MemFS) Close(f File) {
	fs.lock()
	defer fs.mu.Unlock()
	fs.fd("Close", f)
	delete(fs.fds, f)
}

// Open opens dir/name read-only; it panics if there is no such file.
func (fs *MemFS) Open(dir, name string) File {
	fs.lock()
	defer fs.mu.Unlock()
	ino := fs.lookup("Open", dir, name)
	f := newFile()
	fs.fds[f] = &memFD{ino: ino, readOnly: true}
	return f
}

// ReadAt returns up to length bytes of f's file from offset off; fewer at the end.
func (fs *MemFS) ReadAt(f File, off uint64, length uint64) []byte {
	fs.lock()
	defer fs.mu.Unlock()
	d := fs.fd("ReadAt", f)
	if !d.readOnly {
		panic(appendOnly(f))
	}
	size := uint64(len(d.ino.data))
	if off >= size {
		return []byte{}
	}
	n := min(length, size-off)
	return append([]byte{}, d.ino.data[off:off+n]...)
}

// Delete removes the entry dir/name; it panics if there is no such file.
func (fs *MemFS) Delete(dir, name string) {
	fs.lock()
	defer fs.mu.Unlock()
	fs.lookup("Delete", dir, name)
	d := fs.dirs[dir]
	delete(d.entries, name)
	d.ops = append(d.ops, dirOp{name, nil})
}

// Link makes newDir/newName name the file oldDir/oldName; false if the target exists. It
// panics if oldDir/oldName does not exist.
func (fs *MemFS) Link(oldDir, oldName, newDir, newName string) bool {
	fs.lock()
	defer fs.mu.Unlock()
	ino := fs.lookup("Link", oldDir, oldName)
	d := fs.dir("Link", newDir)
	checkName("Link", newName)
	if d.entries[newName] != nil {
		return false
	}
	d.entries[newName] = ino
	d.ops = append(d.ops, dirOp{newName, ino})
	return true
}

// List returns the names in dir, sorted.
func (fs *MemFS) List(dir string) []string {
	fs.lock()
	defer fs.mu.Unlock()
	d := fs.dir("List", dir)
	names := make([]string, 0, len(d.entries))
	for n := range d.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Mkdir makes the directory dir, durably, if it does not exist.
func (fs *MemFS) Mkdir(dir string) {
	fs.lock()
	defer fs.mu.Unlock()
	checkName("Mkdir", dir)
	if fs.dirs[dir] == nil {
		fs.dirs[dir] = &memDir{entries: map[string]*inode{}, durable: map[string]*inode{}}
	}
}

// Fsync makes the current contents of f's file durable.
func (fs *MemFS) Fsync(f File) {
	fs.lock()
	defer fs.mu.Unlock()
	d := fs.fd("Fsync", f)
	d.ino.synced = len(d.ino.data)
}

// FsyncDir makes the current entries of dir durable.
func (fs *MemFS) FsyncDir(dir string) {
	fs.lock()
	defer fs.mu.Unlock()
	d := fs.dir("FsyncDir", dir)
	d.durable = make(map[string]*inode, len(d.entries))
	for n, ino := range d.entries {
		d.durable[n] = ino
	}
	d.ops = nil
}

// Sync makes every directory's current entries and every file's current bytes durable
// (every FsyncDir and every Fsync at once; a file no entry names is gone at a host crash
// anyway, but one still open is synced too).
func (fs *MemFS) Sync() {
	fs.lock()
	defer fs.mu.Unlock()
	for _, d := range fs.dirs {
		d.durable = make(map[string]*inode, len(d.entries))
		for n, ino := range d.entries {
			d.durable[n] = ino
			ino.synced = len(ino.data)
		}
		d.ops = nil
	}
	for _, d := range fs.fds {
		d.ino.synced = len(d.ino.data)
	}
}

// OpenFiles returns the number of open descriptors, so that tests can detect leaks.
func (fs *MemFS) OpenFiles() int {
	fs.lock()
	defer fs.mu.Unlock()
	return len(fs.fds)
}
