package filesys

import (
	"math/rand"
	"sort"
)

// CrashProcess simulates the death of the process: it returns a new MemFS with every
// directory entry and every byte of every file, durable or not (what was not durable stays
// not durable: a later CrashHost may still lose it), and no open descriptors. The receiver
// is dead afterwards: every call on it panics with ErrCrashed.
func (fs *MemFS) CrashProcess() *MemFS {
	fs.lock()
	defer fs.mu.Unlock()
	after := &MemFS{dirs: fs.dirs, fds: map[File]*memFD{}}
	fs.crashed, fs.dirs, fs.fds = true, nil, nil
	return after
}

// Chooser picks one of n > 1 possible outcomes of a host crash: a number in [0, n).
// Outcome 0 always loses what was not made durable.
type Chooser func(n int) int

// Durable is the Chooser that keeps only what was made durable.
func Durable(int) int { return 0 }

// RandomChooser returns a Chooser that picks uniformly with r (seed r for a reproducible
// crash).
func RandomChooser(r *rand.Rand) Chooser { return func(n int) int { return r.Intn(n) } }

// CrashHost simulates a power failure that keeps only what was made durable: each directory
// holds the entries of its last FsyncDir and each file the bytes of its last Fsync. It is
// CrashHostWith(Durable).
func (fs *MemFS) CrashHost() *MemFS { return fs.CrashHostWith(Durable) }

// CrashHostWith simulates a power failure, letting choose decide what survives of what was
// not made durable, by the rule of docs/machine.md:
//
//   - each directory operation (Create, Link, Delete) since the directory's last FsyncDir
//     has happened or not, independently: choose(2) for each, directories in name order,
//     operations in the order made; 1 means it happened;
//   - each file still named then keeps a prefix of its bytes at least as long as its length
//     at its last Fsync: choose(n) picks how many of the n-1 unsynced bytes it keeps (asked
//     only if there are any), files in the order of their first name (directory, then name).
//
// It returns the new MemFS, where everything is durable and no descriptor is open. Names
// of one file stay names of one file. The receiver is dead afterwards: every call on it
// panics with ErrCrashed.
func (fs *MemFS) CrashHostWith(choose Chooser) *MemFS {
	fs.lock()
	defer fs.mu.Unlock()
	pick := func(n int) int {
		k := choose(n)
		if k < 0 || k >= n {
			panic("filesys: CrashHostWith: the Chooser picked an outcome out of range")
		}
		return k
	}
	names := make([]string, 0, len(fs.dirs))
	for name := range fs.dirs {
		names = append(names, name)
	}
	sort.Strings(names)
	ents := map[string]map[string]*inode{}
	for _, name := range names {
		d := fs.dirs[name]
		e := make(map[string]*inode, len(d.durable))
		for n, ino := range d.durable {
			e[n] = ino
		}
		for _, op := range d.ops {
			if pick(2) == 0 {
				continue
			}
			if op.ino == nil {
				delete(e, op.name)
			} else {
				e[op.name] = op.ino
			}
		}
		ents[name] = e
	}
	after := NewMemFS()
	survivor := map[*inode]*inode{} // hard links to one file stay links to one file
	for _, name := range names {
		nd := &memDir{entries: map[string]*inode{}, durable: map[string]*inode{}}
		files := make([]string, 0, len(ents[name]))
		for n := range ents[name] {
			files = append(files, n)
		}
		sort.Strings(files)
		for _, n := range files {
			ino := ents[name][n]
			s := survivor[ino]
			if s == nil {
				keep := ino.synced
				if extra := len(ino.data) - ino.synced; extra > 0 {
					keep += pick(extra + 1)
				}
				s = &inode{data: append([]byte{}, ino.data[:keep]...), synced: keep}
				survivor[ino] = s
			}
			nd.entries[n], nd.durable[n] = s, s
		}
		after.dirs[name] = nd
	}
	fs.crashed, fs.dirs, fs.fds = true, nil, nil
	return after
}
