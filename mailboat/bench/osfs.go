package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"unsafe"

	"armada/goose/machine/filesys"
)

// osPkgFS is filesys.FS written the way the GoMail-style baseline's Store is: with Go's os
// package and whole paths (os.OpenFile, os.Link, os.Remove, os.ReadDir). Mailboat on it
// against Store compares the two designs on the os package's file layer, as Mailboat on
// OSFS against RawStore compares them on raw system calls.
type osPkgFS struct {
	root  string
	mu    sync.RWMutex
	files map[filesys.File]*os.File
	last  atomic.Uint64
}

func newOSPkgFS(root string) *osPkgFS {
	return &osPkgFS{root: root, files: map[filesys.File]*os.File{}}
}

// handle makes a descriptor handle. filesys.File's only field is unexported (it is a
// uint64), so a file system outside that package builds its handles this way.
func (fs *osPkgFS) handle(f *os.File) filesys.File {
	n := fs.last.Add(1)
	h := *(*filesys.File)(unsafe.Pointer(&n))
	fs.mu.Lock()
	fs.files[h] = f
	fs.mu.Unlock()
	return h
}

func (fs *osPkgFS) file(h filesys.File) *os.File {
	fs.mu.RLock()
	f := fs.files[h]
	fs.mu.RUnlock()
	if f == nil {
		panic("osPkgFS: descriptor not open")
	}
	return f
}

func (fs *osPkgFS) path(dir, name string) string { return filepath.Join(fs.root, dir, name) }

func check(err error) {
	if err != nil {
		panic("osPkgFS: " + err.Error())
	}
}

func (fs *osPkgFS) Create(dir, name string) (filesys.File, bool) {
	f, err := os.OpenFile(fs.path(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
	if errors.Is(err, os.ErrExist) {
		return filesys.File{}, false
	}
	check(err)
	return fs.handle(f), true
}

func (fs *osPkgFS) Append(h filesys.File, data []byte) {
	_, err := fs.file(h).Write(data)
	check(err)
}

func (fs *osPkgFS) Close(h filesys.File) {
	fs.mu.Lock()
	f := fs.files[h]
	delete(fs.files, h)
	fs.mu.Unlock()
	check(f.Close())
}

func (fs *osPkgFS) Open(dir, name string) filesys.File {
	f, err := os.Open(fs.path(dir, name))
	check(err)
	return fs.handle(f)
}

func (fs *osPkgFS) ReadAt(h filesys.File, off uint64, length uint64) []byte {
	buf := make([]byte, length)
	n, err := fs.file(h).ReadAt(buf, int64(off))
	if err != io.EOF {
		check(err)
	}
	return buf[:n]
}

func (fs *osPkgFS) Delete(dir, name string) { check(os.Remove(fs.path(dir, name))) }

func (fs *osPkgFS) Link(oldDir, oldName, newDir, newName string) bool {
	err := os.Link(fs.path(oldDir, oldName), fs.path(newDir, newName))
	if errors.Is(err, os.ErrExist) {
		return false
	}
	check(err)
	return true
}

func (fs *osPkgFS) List(dir string) []string {
	ents, err := os.ReadDir(filepath.Join(fs.root, dir))
	check(err)
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func (fs *osPkgFS) Mkdir(dir string) {
	err := os.Mkdir(filepath.Join(fs.root, dir), 0o755)
	if !errors.Is(err, os.ErrExist) {
		check(err)
	}
}

func (fs *osPkgFS) Fsync(h filesys.File) { check(fs.file(h).Sync()) }

func (fs *osPkgFS) FsyncDir(dir string) {
	d, err := os.Open(filepath.Join(fs.root, dir))
	check(err)
	defer d.Close()
	check(d.Sync())
}
