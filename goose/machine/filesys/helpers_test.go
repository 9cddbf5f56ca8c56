package filesys

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// expectPanic runs f and fails the test unless it panics with a message containing want.
func expectPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("no panic; want one containing %q", want)
		}
		if msg := fmt.Sprint(r); !strings.Contains(msg, want) {
			t.Fatalf("panic %q; want one containing %q", msg, want)
		}
	}()
	f()
}

// leakChecker is what both implementations offer for leak detection.
type leakChecker interface {
	FS
	OpenFiles() int
}

// impls returns a fresh file system of each implementation with directories a and b.
func impls(t *testing.T) map[string]leakChecker {
	osfs, err := NewOSFS(t.TempDir() + "/root")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]leakChecker{"os": osfs, "mem": NewMemFS()}
	for _, fs := range out {
		fs.Mkdir("a")
		fs.Mkdir("b")
	}
	return out
}

// write creates dir/name holding data (in MaxAppend chunks) and closes it.
func write(t *testing.T, fs FS, dir, name string, data []byte) {
	t.Helper()
	f, ok := fs.Create(dir, name)
	if !ok {
		t.Fatalf("Create(%q, %q) = false", dir, name)
	}
	for len(data) > 0 {
		n := min(len(data), int(MaxAppend))
		fs.Append(f, data[:n])
		data = data[n:]
	}
	fs.Close(f)
}

// read returns the whole contents of dir/name, reading in small chunks.
func read(t *testing.T, fs FS, dir, name string) []byte {
	t.Helper()
	f := fs.Open(dir, name)
	defer fs.Close(f)
	var out []byte
	for {
		b := fs.ReadAt(f, uint64(len(out)), 1000)
		if len(b) == 0 {
			return out
		}
		out = append(out, b...)
	}
}

func wantContents(t *testing.T, fs FS, dir, name string, want []byte) {
	t.Helper()
	if got := read(t, fs, dir, name); !bytes.Equal(got, want) {
		t.Fatalf("%s/%s holds %q, want %q", dir, name, got, want)
	}
}

func wantList(t *testing.T, fs FS, dir string, want ...string) {
	t.Helper()
	if got := fs.List(dir); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Fatalf("List(%q) = %q, want %q", dir, got, want)
	}
}
