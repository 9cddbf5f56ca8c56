package filesys

import (
	"strings"
	"testing"
)

// Sync through the ambient file system: both implementations keep every entry and byte
// (Sync changes nothing a call can see), and a file system without Sync panics saying so.
func TestAmbientSync(t *testing.T) {
	os, err := NewOSFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, fs := range []FS{NewMemFS(), os} {
		Use(fs)
		Mkdir("d")
		f, _ := Create("d", "x")
		Append(f, []byte("hello"))
		Sync()
		Close(f)
		r := Open("d", "x")
		if got := string(ReadAt(r, 0, 10)); got != "hello" || len(List("d")) != 1 {
			t.Fatalf("%T: after Sync read %q, listed %v", fs, got, List("d"))
		}
		Close(r)
	}
	Use(noSync{NewMemFS()})
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "has no Sync") {
			t.Fatalf("Sync on a file system without it: %v", r)
		}
	}()
	Sync()
}

type noSync struct{ FS }
