package filesys

import (
	"os"
	"path/filepath"
	"testing"
)

// badNames are names that must be rejected: each would leave the directory it names a
// file in, or is not a name at all.
var badNames = []string{"", ".", "..", "a/b", "../x", "../../etc", "/etc", "x/", "x\x00y"}

// TestNameValidation checks every operation that takes a name against every bad name, in
// the file-name and in the directory-name position, on both implementations.
func TestNameValidation(t *testing.T) {
	ops := map[string]func(fs FS, bad string){
		"Create name":     func(fs FS, bad string) { fs.Create("a", bad) },
		"Create dir":      func(fs FS, bad string) { fs.Create(bad, "x") },
		"Open name":       func(fs FS, bad string) { fs.Open("a", bad) },
		"Open dir":        func(fs FS, bad string) { fs.Open(bad, "m") },
		"Delete name":     func(fs FS, bad string) { fs.Delete("a", bad) },
		"Delete dir":      func(fs FS, bad string) { fs.Delete(bad, "m") },
		"Link old name":   func(fs FS, bad string) { fs.Link("a", bad, "b", "n") },
		"Link old dir":    func(fs FS, bad string) { fs.Link(bad, "m", "b", "n") },
		"Link new name":   func(fs FS, bad string) { fs.Link("a", "m", "b", bad) },
		"Link new dir":    func(fs FS, bad string) { fs.Link("a", "m", bad, "n") },
		"List dir":        func(fs FS, bad string) { fs.List(bad) },
		"Mkdir dir":       func(fs FS, bad string) { fs.Mkdir(bad) },
		"FsyncDir dir":    func(fs FS, bad string) { fs.FsyncDir(bad) },
		"Create nest dir": func(fs FS, bad string) { fs.Create("a/"+bad, "x") },
	}
	for name, fs := range impls(t) {
		write(t, fs, "a", "m", []byte("data"))
		for opName, op := range ops {
			for _, bad := range badNames {
				t.Run(name+"/"+opName+"/"+bad, func(t *testing.T) {
					expectPanic(t, "invalid name", func() { op(fs, bad) })
				})
			}
		}
	}
}

// TestNoEscape checks on the host that rejected names created nothing outside the root.
func TestNoEscape(t *testing.T) {
	outer := t.TempDir()
	fs, err := NewOSFS(filepath.Join(outer, "root"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outer, "secret"), []byte("s"), 0o644); err != nil {
		t.Fatal(err)
	}
	fs.Mkdir("a")
	for _, attempt := range []func(){
		func() { fs.Create("..", "escaped") },
		func() { fs.Mkdir("..") },
		func() { fs.Open("..", "secret") },
		func() { fs.Delete("..", "secret") },
		func() { fs.Link("..", "secret", "a", "stolen") },
		func() { fs.Link("a", "x", "..", "planted") },
		func() { fs.Create("a", "../../escaped") },
	} {
		expectPanic(t, "invalid name", attempt)
	}
	entries, err := os.ReadDir(outer)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("the directory above the root holds %d entries, want 2 (root, secret)", len(entries))
	}
	if got, _ := os.ReadFile(filepath.Join(outer, "secret")); string(got) != "s" {
		t.Fatal("a file outside the root was changed")
	}
	if names := fs.List("a"); len(names) != 0 {
		t.Fatalf("List(\"a\") = %q after rejected calls, want none", names)
	}
}

// TestNewOSFS checks the root handling of NewOSFS.
func TestNewOSFS(t *testing.T) {
	dir := t.TempDir()
	fs, err := NewOSFS(filepath.Join(dir, "x", "y"))
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(fs.Root()) {
		t.Fatalf("Root() = %q, not absolute", fs.Root())
	}
	if st, err := os.Stat(fs.Root()); err != nil || !st.IsDir() {
		t.Fatalf("NewOSFS did not create its root: %v", err)
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := NewOSFS(file); err == nil {
		t.Fatal("NewOSFS accepted a regular file as its root")
	}
	// A file system over an existing tree sees what is already there.
	fs.Mkdir("a")
	write(t, fs, "a", "m", []byte("old"))
	again, err := NewOSFS(fs.Root())
	if err != nil {
		t.Fatal(err)
	}
	wantContents(t, again, "a", "m", []byte("old"))
}
