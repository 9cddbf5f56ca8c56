package filesys

import (
	"bytes"
	"testing"
)

// TestOperations runs the same table against OSFS and MemFS.
func TestOperations(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789"), 1000) // 10,000 bytes: three appends
	tests := []struct {
		name string
		run  func(t *testing.T, fs leakChecker)
	}{
		{"create is exclusive", func(t *testing.T, fs leakChecker) {
			write(t, fs, "a", "x", nil)
			if _, ok := fs.Create("a", "x"); ok {
				t.Fatal("Create of an existing name returned true")
			}
			f, ok := fs.Create("b", "x")
			if !ok {
				t.Fatal("Create of the same name in another directory returned false")
			}
			fs.Close(f)
		}},
		{"append and read back", func(t *testing.T, fs leakChecker) {
			write(t, fs, "a", "m", big)
			wantContents(t, fs, "a", "m", big)
		}},
		{"read at offsets", func(t *testing.T, fs leakChecker) {
			write(t, fs, "a", "m", []byte("hello world"))
			f := fs.Open("a", "m")
			defer fs.Close(f)
			for _, c := range []struct {
				off, n uint64
				want   string
			}{{0, 5, "hello"}, {6, 100, "world"}, {10, 1, "d"}, {11, 5, ""}, {99, 5, ""},
				{3, 0, ""}, {0, 1 << 62, "hello world"}, {1 << 63, 1 << 63, ""}} {
				if got := fs.ReadAt(f, c.off, c.n); string(got) != c.want {
					t.Errorf("ReadAt(%d, %d) = %q, want %q", c.off, c.n, got, c.want)
				}
			}
		}},
		{"append of MaxAppend bytes is allowed, one more panics", func(t *testing.T, fs leakChecker) {
			f, _ := fs.Create("a", "m")
			defer fs.Close(f)
			fs.Append(f, make([]byte, MaxAppend))
			expectPanic(t, "Append of 4097 bytes", func() { fs.Append(f, make([]byte, MaxAppend+1)) })
		}},
		{"appends are seen through an earlier read descriptor", func(t *testing.T, fs leakChecker) {
			w, _ := fs.Create("a", "m")
			r := fs.Open("a", "m")
			fs.Append(w, []byte("ab"))
			fs.Append(w, []byte("cd"))
			if got := fs.ReadAt(r, 0, 10); string(got) != "abcd" {
				t.Fatalf("ReadAt = %q, want \"abcd\"", got)
			}
			fs.Close(w)
			fs.Close(r)
		}},
		{"descriptor modes", func(t *testing.T, fs leakChecker) {
			w, _ := fs.Create("a", "m")
			expectPanic(t, "opened for appending by Create", func() { fs.ReadAt(w, 0, 1) })
			r := fs.Open("a", "m")
			expectPanic(t, "opened read-only by Open", func() { fs.Append(r, []byte("x")) })
			fs.Close(w)
			fs.Close(r)
		}},
		{"closed descriptors panic", func(t *testing.T, fs leakChecker) {
			w, _ := fs.Create("a", "m")
			fs.Close(w)
			expectPanic(t, "is not open", func() { fs.Append(w, []byte("x")) })
			expectPanic(t, "is not open", func() { fs.Close(w) })
			expectPanic(t, "is not open", func() { fs.Fsync(w) })
			expectPanic(t, "is not open", func() { fs.ReadAt(File{}, 0, 1) })
		}},
		{"open of a missing file panics", func(t *testing.T, fs leakChecker) {
			expectPanic(t, "Open", func() { fs.Open("a", "nope") })
		}},
		{"missing directory panics", func(t *testing.T, fs leakChecker) {
			expectPanic(t, "Mkdir", func() { fs.Create("nodir", "x") })
			expectPanic(t, "Mkdir", func() { fs.List("nodir") })
		}},
		{"delete", func(t *testing.T, fs leakChecker) {
			write(t, fs, "a", "m", []byte("data"))
			r := fs.Open("a", "m")
			fs.Delete("a", "m")
			wantList(t, fs, "a")
			if got := fs.ReadAt(r, 0, 10); string(got) != "data" {
				t.Fatalf("a descriptor open on a deleted file reads %q, want \"data\"", got)
			}
			fs.Close(r)
			expectPanic(t, "Delete", func() { fs.Delete("a", "m") })
			f, ok := fs.Create("a", "m")
			if !ok {
				t.Fatal("Create after Delete returned false")
			}
			fs.Close(f)
		}},
		{"link", func(t *testing.T, fs leakChecker) {
			write(t, fs, "a", "m", []byte("data"))
			write(t, fs, "b", "taken", nil)
			if !fs.Link("a", "m", "b", "n") {
				t.Fatal("Link to a free name returned false")
			}
			if fs.Link("a", "m", "b", "taken") || fs.Link("a", "m", "a", "m") {
				t.Fatal("Link to an existing name returned true")
			}
			wantContents(t, fs, "b", "taken", nil)
			fs.Delete("a", "m")
			wantContents(t, fs, "b", "n", []byte("data"))
			expectPanic(t, "Link", func() { fs.Link("a", "m", "b", "o") })
		}},
		{"link shares the file", func(t *testing.T, fs leakChecker) {
			w, _ := fs.Create("a", "m")
			fs.Link("a", "m", "b", "n")
			fs.Append(w, []byte("later"))
			fs.Close(w)
			wantContents(t, fs, "b", "n", []byte("later"))
		}},
		{"list is sorted", func(t *testing.T, fs leakChecker) {
			wantList(t, fs, "a")
			for _, n := range []string{"c", "a", "b10", "b2"} {
				write(t, fs, "a", n, nil)
			}
			wantList(t, fs, "a", "a", "b10", "b2", "c")
			wantList(t, fs, "b")
		}},
		{"mkdir is idempotent", func(t *testing.T, fs leakChecker) {
			write(t, fs, "a", "m", nil)
			fs.Mkdir("a")
			wantList(t, fs, "a", "m")
		}},
		{"fsync", func(t *testing.T, fs leakChecker) {
			w, _ := fs.Create("a", "m")
			fs.Append(w, []byte("x"))
			fs.Fsync(w)
			fs.FsyncDir("a")
			fs.Close(w)
			r := fs.Open("a", "m")
			fs.Fsync(r)
			fs.Close(r)
			wantContents(t, fs, "a", "m", []byte("x"))
			expectPanic(t, "FsyncDir", func() { fs.FsyncDir("nodir") })
		}},
		{"open files", func(t *testing.T, fs leakChecker) {
			w, _ := fs.Create("a", "m")
			r1 := fs.Open("a", "m")
			r2 := fs.Open("a", "m")
			fs.Create("a", "m") // fails: must not leak a descriptor
			if fs.OpenFiles() != 3 {
				t.Fatalf("OpenFiles() = %d, want 3", fs.OpenFiles())
			}
			fs.Close(w)
			fs.Close(r1)
			fs.Close(r2)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, fs := range impls(t) {
				t.Run(name, func(t *testing.T) {
					tt.run(t, fs)
					if n := fs.OpenFiles(); n != 0 {
						t.Fatalf("%d descriptors left open", n)
					}
				})
			}
		})
	}
}

// TestForeignDescriptor checks that a descriptor of one file system is refused by another.
func TestForeignDescriptor(t *testing.T) {
	fss := impls(t)
	w, _ := fss["mem"].Create("a", "m")
	expectPanic(t, "is not open", func() { fss["os"].Append(w, []byte("x")) })
	fss["mem"].Close(w)
}

// TestAmbient checks that the package-level functions reach the file system given to Use.
func TestAmbient(t *testing.T) {
	ambient.Store(nil)
	expectPanic(t, "no file system in use", func() { List("a") })
	expectPanic(t, "nil file system", func() { Use(nil) })
	for name, fs := range impls(t) {
		t.Run(name, func(t *testing.T) {
			Use(fs)
			if Current() != fs {
				t.Fatal("Current() is not the file system given to Use")
			}
			Mkdir("c")
			f, ok := Create("c", "m")
			if !ok {
				t.Fatal("Create returned false")
			}
			Append(f, []byte("hi"))
			Fsync(f)
			Close(f)
			FsyncDir("c")
			if !Link("c", "m", "a", "n") {
				t.Fatal("Link returned false")
			}
			Delete("c", "m")
			r := Open("a", "n")
			if got := ReadAt(r, 0, 10); string(got) != "hi" {
				t.Fatalf("ReadAt = %q, want \"hi\"", got)
			}
			Close(r)
			wantList(t, fs, "c")
			if got := List("a"); len(got) != 1 || got[0] != "n" {
				t.Fatalf("List(\"a\") = %q, want [n]", got)
			}
		})
	}
	fs := UseMem()
	if Current() != fs || len(fs.dirs) != 0 {
		t.Fatal("UseMem did not install an empty MemFS")
	}
}
