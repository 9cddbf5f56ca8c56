package filesys

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// OSFS is the file system of the host under a root directory: Create is open(2) with
// O_CREAT|O_EXCL, Append a write(2) with O_APPEND, Link is link(2), Delete unlink(2), List
// readdir, Fsync fsync(2) of the file and FsyncDir fsync(2) of the directory. Unexpected
// errors from the host (EIO, ENOSPC, ...) panic with the host's message.
type OSFS struct {
	root string
	mu   sync.RWMutex
	fds  map[File]*osFD
}

// osFD is an open descriptor: the host file and whether it was opened by Open.
type osFD struct {
	f        *os.File
	readOnly bool
}

// NewOSFS returns the file system rooted at the directory root, creating root if needed.
func NewOSFS(root string) (*OSFS, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("filesys: root %q: %w", root, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("filesys: make root %s: %w", abs, err)
	}
	return &OSFS{root: abs, fds: map[File]*osFD{}}, nil
}

// Root returns the absolute path of the root directory.
func (fs *OSFS) Root() string { return fs.root }

// dirPath validates dir and returns its host path.
func (fs *OSFS) dirPath(op, dir string) string {
	checkName(op, dir)
	return filepath.Join(fs.root, dir)
}

// path validates dir and name and returns the host path of dir/name.
func (fs *OSFS) path(op, dir, name string) string {
	checkName(op, name)
	return filepath.Join(fs.dirPath(op, dir), name)
}

func (fs *OSFS) fd(op string, f File) *osFD {
	fs.mu.RLock()
	d := fs.fds[f]
	fs.mu.RUnlock()
	if d == nil {
		panic(notOpen(op, f))
	}
	return d
}

func (fs *OSFS) add(f *os.File, readOnly bool) File {
	h := newFile()
	fs.mu.Lock()
	fs.fds[h] = &osFD{f: f, readOnly: readOnly}
	fs.mu.Unlock()
	return h
}

// fail panics with a message naming the operation, its arguments and the host error.
func fail(op string, args string, err error) {
	hint := ""
	if errors.Is(err, os.ErrNotExist) {
		hint = " (missing file or directory; directories are made with Mkdir)"
	}
	panic(fmt.Sprintf("filesys: %s(%s): %v%s", op, args, err, hint))
}

// Create makes dir/name exclusively and opens it for appending; false if it exists.
func (fs *OSFS) Create(dir, name string) (File, bool) {
	f, err := os.OpenFile(fs.path("Create", dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
	if errors.Is(err, os.ErrExist) {
		return File{}, false
	}
	if err != nil {
		fail("Create", fmt.Sprintf("%q, %q", dir, name), err)
	}
	return fs.add(f, false), true
}

// Append writes data at the end of f's file; it panics if len(data) > MaxAppend or f is
// not a descriptor from Create that is still open.
func (fs *OSFS) Append(f File, data []byte) {
	checkAppend(f, data)
	d := fs.fd("Append", f)
	if d.readOnly {
		panic(readOnly(f))
	}
	if _, err := d.f.Write(data); err != nil {
		fail("Append", fmt.Sprint(f.fd), err)
	}
}

// Close releases f; it panics if f is not open.
func (fs *OSFS) Close(f File) {
	fs.mu.Lock()
	d := fs.fds[f]
	delete(fs.fds, f)
	fs.mu.Unlock()
	if d == nil {
		panic(notOpen("Close", f))
	}
	if err := d.f.Close(); err != nil {
		fail("Close", fmt.Sprint(f.fd), err)
	}
}

// Open opens dir/name read-only; it panics if there is no such file.
func (fs *OSFS) Open(dir, name string) File {
	f, err := os.Open(fs.path("Open", dir, name))
	if err != nil {
		fail("Open", fmt.Sprintf("%q, %q", dir, name), err)
	}
	return fs.add(f, true)
}

// ReadAt returns up to length bytes of f's file from offset off; fewer at the end.
func (fs *OSFS) ReadAt(f File, off uint64, length uint64) []byte {
	d := fs.fd("ReadAt", f)
	if !d.readOnly {
		panic(appendOnly(f))
	}
	st, err := d.f.Stat()
	if err != nil {
		fail("ReadAt", fmt.Sprint(f.fd), err)
	}
	size := uint64(st.Size())
	if off >= size {
		return []byte{}
	}
	buf := make([]byte, min(length, size-off))
	n, err := d.f.ReadAt(buf, int64(off))
	if err != nil && err != io.EOF {
		fail("ReadAt", fmt.Sprint(f.fd), err)
	}
	return buf[:n]
}

// Delete removes the entry dir/name; it panics if there is no such file.
func (fs *OSFS) Delete(dir, name string) {
	if err := os.Remove(fs.path("Delete", dir, name)); err != nil {
		fail("Delete", fmt.Sprintf("%q, %q", dir, name), err)
	}
}

// Link makes newDir/newName name the file oldDir/oldName; false if the target exists. It
// panics if oldDir/oldName does not exist.
func (fs *OSFS) Link(oldDir, oldName, newDir, newName string) bool {
	err := os.Link(fs.path("Link", oldDir, oldName), fs.path("Link", newDir, newName))
	if errors.Is(err, os.ErrExist) {
		return false
	}
	if err != nil {
		fail("Link", fmt.Sprintf("%q, %q, %q, %q", oldDir, oldName, newDir, newName), err)
	}
	return true
}

// List returns the names in dir, sorted.
func (fs *OSFS) List(dir string) []string {
	entries, err := os.ReadDir(fs.dirPath("List", dir))
	if err != nil {
		fail("List", fmt.Sprintf("%q", dir), err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}

// Mkdir makes the directory dir if it does not exist.
func (fs *OSFS) Mkdir(dir string) {
	p := fs.dirPath("Mkdir", dir)
	err := os.Mkdir(p, 0o755)
	if errors.Is(err, os.ErrExist) {
		if st, serr := os.Stat(p); serr == nil && st.IsDir() {
			return
		}
	}
	if err != nil {
		fail("Mkdir", fmt.Sprintf("%q", dir), err)
	}
}

// Fsync makes the current contents of f's file durable.
func (fs *OSFS) Fsync(f File) {
	if err := fs.fd("Fsync", f).f.Sync(); err != nil {
		fail("Fsync", fmt.Sprint(f.fd), err)
	}
}

// FsyncDir makes the current entries of dir durable.
func (fs *OSFS) FsyncDir(dir string) {
	d, err := os.Open(fs.dirPath("FsyncDir", dir))
	if err == nil {
		err = d.Sync()
		if cerr := d.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fail("FsyncDir", fmt.Sprintf("%q", dir), err)
	}
}

// OpenFiles returns the number of open descriptors, so that tests can detect leaks.
func (fs *OSFS) OpenFiles() int {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return len(fs.fds)
}
