package filesys

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
)

// OSFS is the file system of the host under a root directory. Each call is the matching
// system call on a raw file descriptor (no os.File, so no runtime poller registration and
// no extra fcntl or fstat): Create is open(2) with O_CREAT|O_EXCL|O_WRONLY|O_APPEND, Append
// write(2), Open open(2) with O_RDONLY, ReadAt pread(2), Close close(2), Link link(2),
// Delete unlink(2), List getdents(2), Fsync fsync(2) of the file and FsyncDir fsync(2) of
// the directory. Calls interrupted by a signal (EINTR) are retried. Unexpected errors from
// the host (EIO, ENOSPC, ...) panic with the host's message.
//
// On Linux, each top-level directory is opened (O_RDONLY|O_DIRECTORY) at its first use
// and kept open: files are then reached relative to it (openat, linkat, unlinkat), so the
// host resolves one path component per call instead of the whole path, and FsyncDir is a
// single fsync. The directory descriptors, and those of files left open, are released
// when the OSFS is garbage collected. A directory removed or replaced behind a running OSFS is therefore not seen:
// the OSFS keeps using the directory it opened (directories are fixed after set-up).
type OSFS struct {
	root string // absolute and clean
	mu   sync.RWMutex
	fds  map[File]*osFD

	// dirs maps the name of each top-level directory used so far to its open directory.
	// It is copied on write (under dirsMu), so that the lookup on every call is one atomic
	// load and a map read, with no lock.
	dirs   atomic.Pointer[map[string]*osDir]
	dirsMu sync.Mutex
}

// osDir is an open top-level directory: its host descriptor and host path.
type osDir struct {
	fd   int
	path string
}

// osFD is an open descriptor: the host descriptor and whether it was opened by Open.
//
// Calls that use the host descriptor hold mu shared for the duration of the system call;
// Close holds it exclusively, so it waits for those calls, and marks the descriptor closed
// before releasing the host descriptor. A call racing with Close therefore either completes
// on the right file or panics as "not open"; it never reaches another file that was given
// the recycled host descriptor number.
type osFD struct {
	fd       int
	readOnly bool
	mu       sync.RWMutex
	closed   bool
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
	fs := &OSFS{root: abs, fds: map[File]*osFD{}}
	runtime.SetFinalizer(fs, (*OSFS).release)
	return fs, nil
}

// release closes the host descriptors of fs, which is garbage: those of files still open
// (no one can use them any more; os.File closes such files the same way) and those of the
// directories. It runs as fs's finalizer. A call in flight on a file holds its descriptor's
// lock, which release takes; methods that use a directory's descriptor end with
// runtime.KeepAlive(fs), so that release cannot run (and the descriptor number be reused)
// while one of them is in a system call.
func (fs *OSFS) release() {
	fs.mu.Lock()
	for f, d := range fs.fds {
		d.mu.Lock()
		d.closed = true
		closeFD(d.fd)
		d.mu.Unlock()
		delete(fs.fds, f)
	}
	fs.mu.Unlock()
	if m := fs.dirs.Load(); m != nil {
		for _, d := range *m {
			closeFD(d.fd)
		}
	}
}

// Root returns the absolute path of the root directory.
func (fs *OSFS) Root() string { return fs.root }

// dirPath validates dir and returns its host path. checkName guarantees that dir is a
// single path component other than "." and "..", so the result stays under the root.
func (fs *OSFS) dirPath(op, dir string) string {
	checkName(op, dir)
	return filepath.Join(fs.root, dir)
}

// dir validates dir and returns it open, opening it at its first use. A name found in the
// cache was validated when it was added. The error is the host's, for a missing directory.
func (fs *OSFS) dir(op, dir string) (*osDir, error) {
	if m := fs.dirs.Load(); m != nil {
		if d := (*m)[dir]; d != nil {
			return d, nil
		}
	}
	p := fs.dirPath(op, dir)
	fd, err := open(p, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	fs.dirsMu.Lock()
	defer fs.dirsMu.Unlock()
	old := fs.dirs.Load()
	if old != nil && (*old)[dir] != nil { // opened meanwhile by another call
		closeFD(fd)
		return (*old)[dir], nil
	}
	m := map[string]*osDir{}
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	d := &osDir{fd: fd, path: p}
	m[dir] = d
	fs.dirs.Store(&m)
	return d, nil
}

// acquire returns the descriptor f with its lock held shared; the caller must release it
// with d.mu.RUnlock. It panics if f is not open.
func (fs *OSFS) acquire(op string, f File) *osFD {
	fs.mu.RLock()
	d := fs.fds[f]
	fs.mu.RUnlock()
	if d == nil {
		panic(notOpen(op, f))
	}
	d.mu.RLock()
	if d.closed { // closed by a concurrent Close after the lookup
		d.mu.RUnlock()
		panic(notOpen(op, f))
	}
	if testHookAcquired != nil {
		testHookAcquired()
	}
	return d
}

// testHookAcquired, if set, runs in acquire once the descriptor is held; tests use it to
// close the descriptor at exactly that moment.
var testHookAcquired func()

func (fs *OSFS) add(fd int, readOnly bool) File {
	h := newFile()
	fs.mu.Lock()
	fs.fds[h] = &osFD{fd: fd, readOnly: readOnly}
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

// open is open(2) of path with O_CLOEXEC added, retried on EINTR.
func open(path string, flags int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Open(path, flags|syscall.O_CLOEXEC, perm)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// closeFD is close(2). It is never retried: on Linux the descriptor is released even when
// close reports EINTR, and retrying could close a descriptor another goroutine just got.
func closeFD(fd int) error {
	if err := syscall.Close(fd); err != nil && err != syscall.EINTR {
		return err
	}
	return nil
}

// fsyncFD is fsync(2), retried on EINTR.
func fsyncFD(fd int) error {
	for {
		if err := syscall.Fsync(fd); err != syscall.EINTR {
			return err
		}
	}
}

// Create makes dir/name exclusively and opens it for appending; false if it exists.
func (fs *OSFS) Create(dir, name string) (File, bool) {
	d, err := fs.dir("Create", dir)
	checkName("Create", name)
	fd := -1
	if err == nil {
		fd, err = openIn(d, name, syscall.O_CREAT|syscall.O_EXCL|syscall.O_WRONLY|syscall.O_APPEND, 0o644)
		if err == syscall.EEXIST {
			return File{}, false
		}
		if err != nil {
			err = &os.PathError{Op: "open", Path: d.path + "/" + name, Err: err}
		}
	}
	runtime.KeepAlive(fs)
	if err != nil {
		fail("Create", fmt.Sprintf("%q, %q", dir, name), err)
	}
	return fs.add(fd, false), true
}

// Append writes data at the end of f's file; it panics if len(data) > MaxAppend or f is
// not a descriptor from Create that is still open. A short write (the host ran out of
// space part way, say) is continued; with O_APPEND each piece lands at the end of the
// file, and no other descriptor appends to it, since Create is exclusive.
func (fs *OSFS) Append(f File, data []byte) {
	checkAppend(f, data)
	d := fs.acquire("Append", f)
	if d.readOnly {
		d.mu.RUnlock()
		panic(readOnly(f))
	}
	var err error
	for len(data) > 0 {
		var n int
		n, err = syscall.Write(d.fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			break
		}
		if n <= 0 {
			err = errors.New("write made no progress")
			break
		}
		data = data[n:]
	}
	d.mu.RUnlock()
	if err != nil {
		fail("Append", fmt.Sprint(f.fd), &os.PathError{Op: "write", Path: fmt.Sprintf("fd %d", d.fd), Err: err})
	}
}

// Close releases f; it panics if f is not open. It waits for calls still using f.
func (fs *OSFS) Close(f File) {
	fs.mu.Lock()
	d := fs.fds[f]
	delete(fs.fds, f)
	fs.mu.Unlock()
	if d == nil {
		panic(notOpen("Close", f))
	}
	d.mu.Lock()
	d.closed = true
	err := closeFD(d.fd)
	d.mu.Unlock()
	if err != nil {
		fail("Close", fmt.Sprint(f.fd), &os.PathError{Op: "close", Path: fmt.Sprintf("fd %d", d.fd), Err: err})
	}
}

// Open opens dir/name read-only; it panics if there is no such file.
func (fs *OSFS) Open(dir, name string) File {
	d, err := fs.dir("Open", dir)
	checkName("Open", name)
	fd := -1
	if err == nil {
		fd, err = openIn(d, name, syscall.O_RDONLY, 0)
		if err != nil {
			err = &os.PathError{Op: "open", Path: d.path + "/" + name, Err: err}
		}
	}
	runtime.KeepAlive(fs)
	if err != nil {
		fail("Open", fmt.Sprintf("%q, %q", dir, name), err)
	}
	return fs.add(fd, true)
}

// smallRead is the largest ReadAt served from a buffer on the stack, copied into a result
// of exactly the size read. Mailboat reads in MaxAppend pieces, most of them short.
const smallRead = 4096

// readChunk is the most one pread(2) asks for on the large path. It is far below Linux's
// per-call limit (about 2 GiB), so a short read always means the end of the file.
const readChunk = 1 << 20

// ReadAt returns up to length bytes of f's file from offset off; fewer at the end. There is
// no fstat: pread(2) of a regular file returns fewer bytes than asked only at the end of
// the file.
func (fs *OSFS) ReadAt(f File, off uint64, length uint64) []byte {
	d := fs.acquire("ReadAt", f)
	if !d.readOnly {
		d.mu.RUnlock()
		panic(appendOnly(f))
	}
	// The host's offsets are signed 64-bit; no file reaches past them.
	if off >= math.MaxInt64 {
		length = 0
	} else {
		length = min(length, math.MaxInt64-off)
	}
	var out []byte
	var err error
	if length <= smallRead {
		var buf [smallRead]byte
		var n int
		n, err = pread(d.fd, buf[:length], int64(off))
		out = append(make([]byte, 0, n), buf[:n]...)
	} else {
		out = make([]byte, 0, min(length, readChunk))
		for uint64(len(out)) < length {
			want := int(min(length-uint64(len(out)), readChunk))
			out = slices.Grow(out, want)
			var n int
			n, err = pread(d.fd, out[len(out):len(out)+want], int64(off)+int64(len(out)))
			out = out[:len(out)+n]
			if err != nil || n < want {
				break
			}
		}
		if cap(out)-len(out) > smallRead && cap(out) > 2*len(out) {
			out = append([]byte{}, out...) // do not keep a mostly empty buffer alive
		}
	}
	d.mu.RUnlock()
	if err != nil {
		fail("ReadAt", fmt.Sprint(f.fd), &os.PathError{Op: "pread", Path: fmt.Sprintf("fd %d", d.fd), Err: err})
	}
	return out
}

// pread is pread(2) into all of buf, retried on EINTR; a result shorter than buf means the
// end of the file. An empty buf makes no system call.
func pread(fd int, buf []byte, off int64) (int, error) {
	if len(buf) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Pread(fd, buf, off)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		return n, nil
	}
}

// Delete removes the entry dir/name; it panics if there is no such file.
func (fs *OSFS) Delete(dir, name string) {
	d, err := fs.dir("Delete", dir)
	checkName("Delete", name)
	if err == nil {
		if err = unlinkIn(d, name); err != nil {
			err = &os.PathError{Op: "unlink", Path: d.path + "/" + name, Err: err}
		}
	}
	runtime.KeepAlive(fs)
	if err != nil {
		fail("Delete", fmt.Sprintf("%q, %q", dir, name), err)
	}
}

// Link makes newDir/newName name the file oldDir/oldName; false if the target exists. It
// panics if oldDir/oldName does not exist.
func (fs *OSFS) Link(oldDir, oldName, newDir, newName string) bool {
	od, err := fs.dir("Link", oldDir)
	checkName("Link", oldName)
	var nd *osDir
	if err == nil {
		nd, err = fs.dir("Link", newDir)
	} else {
		checkName("Link", newDir)
	}
	checkName("Link", newName)
	if err == nil {
		err = linkIn(od, oldName, nd, newName)
		if err == syscall.EEXIST {
			return false
		}
		if err != nil {
			err = &os.LinkError{Op: "link", Old: od.path + "/" + oldName, New: nd.path + "/" + newName, Err: err}
		}
	}
	runtime.KeepAlive(fs)
	if err != nil {
		fail("Link", fmt.Sprintf("%q, %q, %q, %q", oldDir, oldName, newDir, newName), err)
	}
	return true
}

// List returns the names in dir, sorted. It reads the directory with getdents(2) into one
// buffer, without the os package's per-entry work.
func (fs *OSFS) List(dir string) []string {
	d, err := fs.dir("List", dir)
	if err != nil {
		fail("List", fmt.Sprintf("%q", dir), err)
	}
	fd, err := openIn(d, ".", syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	runtime.KeepAlive(fs)
	if err != nil {
		fail("List", fmt.Sprintf("%q", dir), &os.PathError{Op: "open", Path: d.path, Err: err})
	}
	names := []string{}
	buf := make([]byte, 16<<10)
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			closeFD(fd)
			fail("List", fmt.Sprintf("%q", dir), &os.PathError{Op: "getdents", Path: d.path, Err: err})
		}
		if n <= 0 {
			break
		}
		_, _, names = syscall.ParseDirent(buf[:n], -1, names) // skips "." and ".."
	}
	if err := closeFD(fd); err != nil {
		fail("List", fmt.Sprintf("%q", dir), &os.PathError{Op: "close", Path: d.path, Err: err})
	}
	slices.Sort(names)
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
	d := fs.acquire("Fsync", f)
	err := fsyncFD(d.fd)
	d.mu.RUnlock()
	if err != nil {
		fail("Fsync", fmt.Sprint(f.fd), &os.PathError{Op: "fsync", Path: fmt.Sprintf("fd %d", d.fd), Err: err})
	}
}

// FsyncDir makes the current entries of dir durable: it fsyncs the directory, opened
// O_RDONLY|O_DIRECTORY (at its first use, and kept open).
func (fs *OSFS) FsyncDir(dir string) {
	d, err := fs.dir("FsyncDir", dir)
	if err == nil {
		if err = fsyncFD(d.fd); err != nil {
			err = &os.PathError{Op: "fsync", Path: d.path, Err: err}
		}
	}
	runtime.KeepAlive(fs)
	if err != nil {
		fail("FsyncDir", fmt.Sprintf("%q", dir), err)
	}
}

// Sync makes the whole file system under the root durable: sync(2), which writes every
// file system's dirty data and metadata (all of them: the syscall package has no syncfs(2)
// on every architecture; Linux waits for the writes to finish).
func (fs *OSFS) Sync() {
	if err := syncAll(fs.root); err != nil {
		fail("Sync", fmt.Sprintf("%q", fs.root), &os.PathError{Op: "sync", Path: fs.root, Err: err})
	}
}

// OpenFiles returns the number of open descriptors, so that tests can detect leaks.
func (fs *OSFS) OpenFiles() int {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return len(fs.fds)
}
