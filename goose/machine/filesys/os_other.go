//go:build !linux

package filesys

import "syscall"

// Elsewhere the syscall package has no *at calls: files are reached by their full path.

// openIn is open(2) of name in d with O_CLOEXEC added, retried on EINTR.
func openIn(d *osDir, name string, flags int, perm uint32) (int, error) {
	return open(d.path+"/"+name, flags, perm)
}

// unlinkIn is unlink(2) of name in d, retried on EINTR.
func unlinkIn(d *osDir, name string) error {
	for {
		if err := syscall.Unlink(d.path + "/" + name); err != syscall.EINTR {
			return err
		}
	}
}

// linkIn is link(2) from oldName in od to newName in nd, retried on EINTR.
func linkIn(od *osDir, oldName string, nd *osDir, newName string) error {
	for {
		if err := syscall.Link(od.path+"/"+oldName, nd.path+"/"+newName); err != syscall.EINTR {
			return err
		}
	}
}

// syncAll is sync(2): the syscall package has no syncfs here.
func syncAll(string) error {
	return syscall.Sync()
}
