// Package filesys is the file-system machine library that verified Goose code calls.
//
// The file system has a fixed set of top-level directories (made with Mkdir during set-up)
// holding files; there are no nested directories. Files are append-only: Create makes a new
// file exclusively and returns a descriptor for appending; Open returns a read-only
// descriptor for ReadAt. A name (of a file or a directory) must be non-empty, must not be
// "." or "..", and must not contain "/" or a NUL byte; any other name panics, so no call
// can reach outside the file system's root.
//
// Goose code calls the package-level functions, which act on an ambient file system chosen
// with Use: an OSFS (the host's file system under a root directory) or a MemFS (in memory,
// with crash simulation). Misuse that the Goose model leaves undefined (opening or deleting
// a missing file, appending more than MaxAppend bytes, using a closed descriptor) panics
// with a message that says what went wrong.
//
// # Durability and crashes
//
// Every call is atomic and, once it returns, visible to every later call. Durability
// across a host crash is deferred: Fsync(f) makes the current contents of f's file durable,
// and FsyncDir(dir) makes the current set of entries of dir (names and the files they name)
// durable; Sync() makes everything durable at once (every directory's entries and every
// file's bytes, whoever made them: recovery's barrier). Mkdir is durable at once. A MemFS simulates two kinds of crash:
//
//   - CrashProcess: the process dies, the kernel survives. Every directory entry and every
//     byte appended survives; open descriptors are lost. What was not yet fsynced is still
//     not fsynced, so a later host crash can lose it.
//   - CrashHost: the machine loses power. Each directory holds exactly the entries it had at
//     its last FsyncDir (none if it was never fsynced), and each file that such an entry
//     names holds exactly the bytes it had at its last Fsync (none if it was never
//     fsynced). Since files are append-only, that is a prefix of its contents. Files no
//     entry names are gone; open descriptors are lost.
//
// Both return a new MemFS holding the surviving state; the old one is dead and every later
// call on it panics with ErrCrashed. The host model is deterministic: a real file system may
// also keep some changes that were never fsynced, which this model never does.
package filesys

import (
	"errors"
	"fmt"
	"sync/atomic"
)

// MaxAppend is the largest number of bytes one Append may write.
const MaxAppend uint64 = 4096

// File is an open file descriptor: a small value handle issued by Create or Open and
// released by Close. Handles are never reused, so a handle from before a crash, or from
// another file system, is rejected rather than confused with a new one.
type File struct{ fd uint64 }

// lastFD numbers descriptors across every file system of the process.
var lastFD atomic.Uint64

func newFile() File { return File{fd: lastFD.Add(1)} }

// ErrCrashed is the value every call on a crashed MemFS panics with. A test harness can
// recover it to stop goroutines that were in the middle of using the file system.
var ErrCrashed = errors.New("filesys: the file system has crashed; " +
	"use the MemFS returned by CrashProcess or CrashHost")

// FS is a file system: the operations Goose code calls, as methods. OSFS and MemFS
// implement it; both are safe for concurrent use.
type FS interface {
	// Create makes dir/name exclusively and opens it for appending; false if it exists.
	Create(dir, name string) (File, bool)
	// Append writes data at the end of f's file; it panics if len(data) > MaxAppend.
	Append(f File, data []byte)
	// Close releases f.
	Close(f File)
	// Open opens dir/name read-only; it panics if there is no such file.
	Open(dir, name string) File
	// ReadAt returns up to length bytes from offset off; fewer at the end of the file.
	ReadAt(f File, off uint64, length uint64) []byte
	// Delete removes the entry dir/name; it panics if there is no such file.
	Delete(dir, name string)
	// Link makes newDir/newName name the file oldDir/oldName; false if the target exists.
	Link(oldDir, oldName, newDir, newName string) bool
	// List returns the names in dir, sorted.
	List(dir string) []string
	// Mkdir makes the top-level directory dir if it does not exist.
	Mkdir(dir string)
	// Fsync makes the contents of f's file durable.
	Fsync(f File)
	// FsyncDir makes the entries of dir durable.
	FsyncDir(dir string)
}

// Syncer is a file system with Sync: every directory's entries and every file's bytes made
// durable at once (syncfs(2)). OSFS and MemFS implement it; it is not part of FS so that
// other implementations of FS keep compiling.
type Syncer interface {
	Sync()
}

// checkName panics unless name is a valid file or directory name.
func checkName(op, name string) {
	bad := name == "" || name == "." || name == ".."
	for i := 0; i < len(name) && !bad; i++ { // a loop: cheaper than strings.ContainsAny here
		bad = name[i] == '/' || name[i] == 0
	}
	if bad {
		panic(fmt.Sprintf("filesys: %s: invalid name %q: a name must be non-empty, "+
			"not \".\" or \"..\", and contain no \"/\" or NUL byte", op, name))
	}
}

// checkAppend panics if data is too long for one Append.
func checkAppend(f File, data []byte) {
	if uint64(len(data)) > MaxAppend {
		panic(fmt.Sprintf("filesys: Append of %d bytes to descriptor %d: at most %d bytes a call; "+
			"split the data into chunks", len(data), f.fd, MaxAppend))
	}
}

// notOpen is the panic message for a descriptor the file system does not know.
func notOpen(op string, f File) string {
	return fmt.Sprintf("filesys: %s: descriptor %d is not open "+
		"(already closed, never opened, from another file system, or from before a crash)", op, f.fd)
}

// readOnly is the panic message for an Append through a descriptor from Open.
func readOnly(f File) string {
	return fmt.Sprintf("filesys: Append: descriptor %d was opened read-only by Open; "+
		"only a descriptor from Create can append", f.fd)
}

// appendOnly is the panic message for a ReadAt through a descriptor from Create.
func appendOnly(f File) string {
	return fmt.Sprintf("filesys: ReadAt: descriptor %d was opened for appending by Create; "+
		"Open the file to read it", f.fd)
}
