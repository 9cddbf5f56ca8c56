package baseline

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

// RawStore is the same GoMail design as Store (per-user tmp/ and mail/, a timestamp name,
// rename into mail/, an flock per pickup, a directory listing per pickup) on the file
// layer Mailboat's OSFS uses: raw system calls, with each user's directories kept open and
// files reached relative to them (openat, renameat, unlinkat). Comparing it with Mailboat
// on OSFS compares the designs, not the file layers.
type RawStore struct {
	users []rawUser
	seq   atomic.Uint64
}

// rawUser holds the open directories of one user: its own (for the lock file), tmp/, mail/.
type rawUser struct {
	dir, tmp, mail int
}

// NewRaw makes (or reopens) a store with users mailboxes under root. Its directory
// descriptors live as long as the process (the benchmark makes a few stores).
func NewRaw(root string, users int) (*RawStore, error) {
	if _, err := New(root, users); err != nil { // the same layout
		return nil, err
	}
	s := &RawStore{}
	for u := 0; u < users; u++ {
		dir := filepath.Join(root, "user"+strconv.Itoa(u))
		var ru rawUser
		for _, p := range []struct {
			fd   *int
			path string
		}{{&ru.dir, dir}, {&ru.tmp, filepath.Join(dir, "tmp")}, {&ru.mail, filepath.Join(dir, "mail")}} {
			fd, err := syscall.Open(p.path, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
			if err != nil {
				s.Close()
				return nil, &os.PathError{Op: "open", Path: p.path, Err: err}
			}
			*p.fd = fd
		}
		s.users = append(s.users, ru)
	}
	return s, nil
}

// Close releases the directory descriptors.
func (s *RawStore) Close() {
	for _, u := range s.users {
		syscall.Close(u.dir)
		syscall.Close(u.tmp)
		syscall.Close(u.mail)
	}
	s.users = nil
}

// Deliver writes msg to the user's tmp/ and renames it into mail/.
func (s *RawStore) Deliver(user int, msg []byte) error {
	u := s.users[user]
	for {
		name := strconv.FormatInt(time.Now().UnixNano(), 10) + "." + strconv.FormatUint(s.seq.Add(1), 10)
		fd, err := syscall.Openat(u.tmp, name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		if err == syscall.EEXIST {
			continue
		}
		if err != nil {
			return err
		}
		for data := msg; len(data) > 0 && err == nil; {
			var n int
			n, err = syscall.Write(fd, data)
			data = data[max(n, 0):]
		}
		if cerr := syscall.Close(fd); err == nil {
			err = cerr
		}
		if err != nil {
			syscall.Unlinkat(u.tmp, name)
			return err
		}
		return syscall.Renameat(u.tmp, name, u.mail, name)
	}
}

// Pickup takes the user's file lock and returns the messages of mail/ with the held lock.
func (s *RawStore) Pickup(user int) ([]Message, *Lock, error) {
	u := s.users[user]
	lfd, err := syscall.Openat(u.dir, "lock", syscall.O_RDWR|syscall.O_CREAT|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		return nil, nil, err
	}
	if err := syscall.Flock(lfd, syscall.LOCK_EX); err != nil {
		syscall.Close(lfd)
		return nil, nil, err
	}
	l := &Lock{fd: lfd}
	names, err := listDir(u.mail)
	if err != nil {
		l.Unlock()
		return nil, nil, err
	}
	msgs := make([]Message, 0, len(names))
	for _, name := range names {
		b, err := readAll(u.mail, name)
		if err != nil {
			l.Unlock()
			return nil, nil, err
		}
		msgs = append(msgs, Message{ID: name, Contents: b})
	}
	return msgs, l, nil
}

// Delete removes the message id of user; the caller holds the user's Lock.
func (s *RawStore) Delete(user int, id string) error {
	return syscall.Unlinkat(s.users[user].mail, id)
}

// listDir returns the names in the directory open as dirfd (opening it anew, as a listing
// must, to start at its beginning).
func listDir(dirfd int) ([]string, error) {
	fd, err := syscall.Openat(dirfd, ".", syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var names []string
	buf := make([]byte, 8192)
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return names, nil
		}
		_, _, names = syscall.ParseDirent(buf[:n], -1, names)
	}
}

// readAll reads the file name in dirfd with pread until a short read, as Mailboat does.
func readAll(dirfd int, name string) ([]byte, error) {
	fd, err := syscall.Openat(dirfd, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var buf [4096]byte
	var out []byte
	for off := int64(0); ; {
		n, err := syscall.Pread(fd, buf[:], off)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, errors.New("pread: negative count")
		}
		out = append(out, buf[:n]...)
		off += int64(n)
		if n < len(buf) {
			return out, nil
		}
	}
}
