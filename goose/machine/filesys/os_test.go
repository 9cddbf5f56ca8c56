package filesys

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func newOSFS(t *testing.T) *OSFS {
	t.Helper()
	fs, err := NewOSFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fs.Mkdir("a")
	fs.Mkdir("b")
	return fs
}

// hostFlags returns the open flags of the host descriptor behind f, from /proc.
func hostFlags(t *testing.T, fs *OSFS, f File) int {
	t.Helper()
	fs.mu.RLock()
	fd := fs.fds[f].fd
	fs.mu.RUnlock()
	info, err := os.ReadFile(fmt.Sprintf("/proc/self/fdinfo/%d", fd))
	if err != nil {
		t.Skipf("no /proc/self/fdinfo: %v", err)
	}
	for _, line := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(line, "flags:"); ok {
			flags, err := strconv.ParseInt(strings.TrimSpace(v), 8, 64)
			if err != nil {
				t.Fatal(err)
			}
			return int(flags)
		}
	}
	t.Fatalf("no flags in %s", info)
	return 0
}

// TestOSDescriptorModes checks the host descriptors: Create's is write-only and
// append-only, Open's read-only, and both are closed on exec.
func TestOSDescriptorModes(t *testing.T) {
	fs := newOSFS(t)
	w, _ := fs.Create("a", "m")
	r := fs.Open("a", "m")
	defer fs.Close(w)
	defer fs.Close(r)
	const mode = syscall.O_ACCMODE | syscall.O_APPEND | syscall.O_CLOEXEC
	if got, want := hostFlags(t, fs, w)&mode, syscall.O_WRONLY|syscall.O_APPEND|syscall.O_CLOEXEC; got != want {
		t.Errorf("Create's descriptor has flags %#o, want %#o", got, want)
	}
	if got, want := hostFlags(t, fs, r)&mode, syscall.O_RDONLY|syscall.O_CLOEXEC; got != want {
		t.Errorf("Open's descriptor has flags %#o, want %#o", got, want)
	}
}

// hostFDs counts the process's open host descriptors on files or directories under root
// (descriptors of other file systems come and go as the garbage collector releases them).
func hostFDs(t *testing.T, root string) int {
	t.Helper()
	if resolved, err := filepath.EvalSymlinks(root); err == nil {
		root = resolved // the kernel reports resolved paths
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	n := 0
	for _, e := range entries {
		target, err := os.Readlink("/proc/self/fd/" + e.Name())
		if err == nil && (target == root || strings.HasPrefix(target, root+"/")) {
			n++
		}
	}
	return n
}

// TestOSReleasesHostDescriptors checks that no call leaves a host descriptor open: Close
// releases the one of Create or Open, and a failed Create, List and FsyncDir keep none.
// Only the directory's own descriptor, opened at its first use, stays open.
func TestOSReleasesHostDescriptors(t *testing.T) {
	fs := newOSFS(t)
	fs.List("a")
	if n := hostFDs(t, fs.Root()); n != 1 {
		t.Fatalf("%d host descriptors open on the root after using one directory, want 1", n)
	}
	for i := 0; i < 100; i++ {
		name := fmt.Sprint(i)
		w, _ := fs.Create("a", name)
		fs.Append(w, []byte(name))
		fs.Fsync(w)
		if _, ok := fs.Create("a", name); ok {
			t.Fatal("Create of an existing name returned true")
		}
		fs.Close(w)
		r := fs.Open("a", name)
		fs.ReadAt(r, 0, 10)
		fs.Close(r)
		fs.List("a")
		fs.FsyncDir("a")
	}
	expectPanic(t, "Open", func() { fs.Open("a", "missing") })
	expectPanic(t, "List", func() { fs.List("missing") })
	if n := hostFDs(t, fs.Root()); n != 1 {
		t.Fatalf("%d host descriptors open on the root after the calls, want 1", n)
	}
}

// TestOSReleasesGarbage checks that the host descriptors of an OSFS, of its directories
// and of files left open, are closed once it is garbage.
func TestOSReleasesGarbage(t *testing.T) {
	fs := newOSFS(t)
	root := fs.Root()
	fs.Create("a", "left open")
	fs.FsyncDir("b")
	if n := hostFDs(t, root); n != 3 {
		t.Fatalf("%d host descriptors open on the root, want 3", n)
	}
	fs = nil
	for i := 0; hostFDs(t, root) != 0; i++ {
		if i == 100 {
			t.Fatalf("%d host descriptors still open after the OSFS became garbage", hostFDs(t, root))
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// TestOSReadAtLarge reads a file larger than one pread chunk in many ways.
func TestOSReadAtLarge(t *testing.T) {
	data := make([]byte, readChunk+5000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for name, fs := range impls(t) {
		t.Run(name, func(t *testing.T) {
			write(t, fs, "a", "big", data)
			f := fs.Open("a", "big")
			defer fs.Close(f)
			size := uint64(len(data))
			for _, c := range []struct{ off, n uint64 }{
				{0, 1 << 62}, {0, size}, {0, size + 1}, {0, readChunk}, {0, readChunk + 1},
				{1, readChunk}, {readChunk - 1, 10}, {smallRead - 1, smallRead + 2},
				{size - 1, 1 << 40}, {size - smallRead, smallRead}, {size, 1 << 40}, {size + 1, 5},
			} {
				want := data[min(c.off, size):min(c.off+c.n, size)]
				if got := fs.ReadAt(f, c.off, c.n); !bytes.Equal(got, want) {
					t.Errorf("ReadAt(%d, %d) returned %d bytes, want %d", c.off, c.n, len(got), len(want))
				}
			}
		})
	}
}

// TestOSCloseRace closes a descriptor while goroutines append through it and others
// create files (which may get the host descriptor number just released). The appenders
// must either append to their own file or panic as "not open": no byte of theirs may land
// in another file.
func TestOSCloseRace(t *testing.T) {
	fs := newOSFS(t)
	for round := 0; round < 30; round++ {
		victim := fmt.Sprint("victim", round)
		w, _ := fs.Create("a", victim)
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() {
					if r := recover(); r != nil && !strings.Contains(fmt.Sprint(r), "is not open") {
						t.Errorf("append racing with Close panicked with %v", r)
					}
				}()
				for {
					fs.Append(w, []byte("X"))
				}
			}()
		}
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; i < 20; i++ {
					f, _ := fs.Create("b", fmt.Sprint(round, ".", g, ".", i))
					fs.Append(f, []byte("ok"))
					fs.Close(f)
				}
			}(g)
		}
		fs.Close(w)
		wg.Wait()
	}
	for _, name := range fs.List("b") {
		if got := read(t, fs, "b", name); string(got) != "ok" {
			t.Fatalf("b/%s holds %q, want \"ok\"", name, got)
		}
	}
	if fs.OpenFiles() != 0 {
		t.Fatalf("%d descriptors leaked", fs.OpenFiles())
	}
}

// TestOSCloseWaitsForCalls closes a descriptor while an Append holds it, then creates a
// file, which the host gives the lowest free descriptor number: the one just released if
// Close did not wait. The Append must land in its own file, not the new one.
func TestOSCloseWaitsForCalls(t *testing.T) {
	fs := newOSFS(t)
	fs.List("b") // open the directory now, so that Create below opens only the file
	w, _ := fs.Create("a", "victim")
	closed := make(chan struct{})
	var other File
	testHookAcquired = func() {
		testHookAcquired = nil
		go func() {
			fs.Close(w)
			close(closed)
		}()
		select {
		case <-closed:
		case <-time.After(50 * time.Millisecond): // Close waits for this Append
		}
		other, _ = fs.Create("b", "other")
	}
	defer func() { testHookAcquired = nil }()
	fs.Append(w, []byte("X"))
	<-closed
	fs.Close(other)
	wantContents(t, fs, "a", "victim", []byte("X"))
	wantContents(t, fs, "b", "other", nil)
	if fs.OpenFiles() != 0 {
		t.Fatalf("%d descriptors leaked", fs.OpenFiles())
	}
}
