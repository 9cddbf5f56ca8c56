// Package baseline is a GoMail-style mail store, the benchmark's point of comparison for
// Mailboat: each user has a tmp/ and a mail/ directory and a lock file; delivery writes the
// message into tmp/ under a nanosecond-timestamp name and renames it into mail/; a pickup
// holds an flock(2) on the user's lock file until Unlock. There are no in-memory locks, so
// several processes could share one store, which is the design's point.
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

// Store is a GoMail-style mail store under a root directory.
type Store struct {
	root string
	seq  atomic.Uint64 // makes timestamp names unique within the process
}

// Message is one message of a mailbox.
type Message struct {
	ID       string
	Contents []byte
}

// Lock is a held mailbox lock, from Pickup: an os.File (Store) or a raw descriptor
// (RawStore).
type Lock struct {
	f  *os.File
	fd int
}

// New makes (or reopens) a store with users mailboxes under root.
func New(root string, users int) (*Store, error) {
	for u := 0; u < users; u++ {
		dir := filepath.Join(root, "user"+strconv.Itoa(u))
		for _, sub := range []string{"tmp", "mail"} {
			if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
				return nil, err
			}
		}
	}
	return &Store{root: root}, nil
}

func (s *Store) userDir(user int) string {
	return filepath.Join(s.root, "user"+strconv.Itoa(user))
}

// Deliver writes msg to the user's tmp/ and renames it into mail/.
func (s *Store) Deliver(user int, msg []byte) error {
	dir := s.userDir(user)
	for {
		name := strconv.FormatInt(time.Now().UnixNano(), 10) + "." + strconv.FormatUint(s.seq.Add(1), 10)
		tmp := filepath.Join(dir, "tmp", name)
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		_, err = f.Write(msg)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(tmp)
			return err
		}
		return os.Rename(tmp, filepath.Join(dir, "mail", name))
	}
}

// Pickup takes the user's file lock and returns the messages of mail/ with the held lock.
func (s *Store) Pickup(user int) ([]Message, *Lock, error) {
	dir := s.userDir(user)
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, nil, err
	}
	l := &Lock{f: f}
	entries, err := os.ReadDir(filepath.Join(dir, "mail"))
	if err != nil {
		l.Unlock()
		return nil, nil, err
	}
	msgs := make([]Message, 0, len(entries))
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, "mail", e.Name()))
		if err != nil {
			l.Unlock()
			return nil, nil, err
		}
		msgs = append(msgs, Message{ID: e.Name(), Contents: b})
	}
	return msgs, l, nil
}

// Delete removes the message id of user; the caller holds the user's Lock.
func (s *Store) Delete(user int, id string) error {
	return os.Remove(filepath.Join(s.userDir(user), "mail", id))
}

// Unlock releases the file lock.
func (l *Lock) Unlock() error {
	if l.f == nil {
		err := syscall.Flock(l.fd, syscall.LOCK_UN)
		if cerr := syscall.Close(l.fd); err == nil {
			err = cerr
		}
		return err
	}
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	return err
}
