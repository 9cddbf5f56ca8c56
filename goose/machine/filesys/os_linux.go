package filesys

import (
	"syscall"
	"unsafe"
)

// On Linux, files are reached relative to their directory's descriptor.

// openIn is openat(2) of name in d with O_CLOEXEC added, retried on EINTR.
func openIn(d *osDir, name string, flags int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Openat(d.fd, name, flags|syscall.O_CLOEXEC, perm)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// unlinkIn is unlinkat(2) of name in d, retried on EINTR.
func unlinkIn(d *osDir, name string) error {
	for {
		if err := syscall.Unlinkat(d.fd, name); err != syscall.EINTR {
			return err
		}
	}
}

// linkIn is linkat(2) from oldName in od to newName in nd, retried on EINTR. The syscall
// package has no Linkat, so it makes the system call itself.
func linkIn(od *osDir, oldName string, nd *osDir, newName string) error {
	oldp, err := syscall.BytePtrFromString(oldName)
	if err != nil {
		return err
	}
	newp, err := syscall.BytePtrFromString(newName)
	if err != nil {
		return err
	}
	for {
		_, _, errno := syscall.Syscall6(syscall.SYS_LINKAT, uintptr(od.fd), uintptr(unsafe.Pointer(oldp)),
			uintptr(nd.fd), uintptr(unsafe.Pointer(newp)), 0, 0)
		switch errno {
		case 0:
			return nil
		case syscall.EINTR:
			continue
		}
		return errno
	}
}

// syncAll is sync(2), which on Linux returns once everything is written (it reports no
// error: a failing disk shows in later reads). syncfs(2) would reach one file system only,
// but the syscall package has no number for it on every architecture.
func syncAll(string) error {
	syscall.Sync()
	return nil
}
