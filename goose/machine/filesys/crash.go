package filesys

// CrashProcess simulates the death of the process: it returns a new MemFS with every
// directory entry and every byte of every file, durable or not, and no open descriptors.
// The receiver is dead afterwards: every call on it panics with ErrCrashed.
func (fs *MemFS) CrashProcess() *MemFS {
	fs.lock()
	defer fs.mu.Unlock()
	after := &MemFS{dirs: fs.dirs, fds: map[File]*memFD{}}
	fs.crashed, fs.dirs, fs.fds = true, nil, nil
	return after
}

// CrashHost simulates a power failure: it returns a new MemFS in which each directory holds
// the entries of its last FsyncDir and each file the bytes of its last Fsync, with no open
// descriptors. The receiver is dead afterwards: every call on it panics with ErrCrashed.
func (fs *MemFS) CrashHost() *MemFS {
	fs.lock()
	defer fs.mu.Unlock()
	after := NewMemFS()
	survivor := map[*inode]*inode{} // hard links to one file stay links to one file
	for name, d := range fs.dirs {
		nd := &memDir{entries: map[string]*inode{}, durable: map[string]*inode{}}
		for n, ino := range d.durable {
			s := survivor[ino]
			if s == nil {
				s = &inode{data: append([]byte{}, ino.data[:ino.synced]...), synced: ino.synced}
				survivor[ino] = s
			}
			nd.entries[n], nd.durable[n] = s, s
		}
		after.dirs[name] = nd
	}
	fs.crashed, fs.dirs, fs.fds = true, nil, nil
	return after
}
