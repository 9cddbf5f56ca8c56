package filesys

import (
	"sync"
	"testing"
)

// crashCase builds a state on a MemFS with directories a and b, and checks it after each
// kind of crash.
type crashCase struct {
	name    string
	build   func(fs *MemFS)
	process func(t *testing.T, fs *MemFS) // after CrashProcess
	host    func(t *testing.T, fs *MemFS) // after CrashHost
}

// create makes dir/name with data, optionally fsyncing the file, and closes it.
func create(fs *MemFS, dir, name, data string, sync bool) {
	f, _ := fs.Create(dir, name)
	fs.Append(f, []byte(data))
	if sync {
		fs.Fsync(f)
	}
	fs.Close(f)
}

func TestCrash(t *testing.T) {
	tests := []crashCase{
		{"nothing synced",
			func(fs *MemFS) { create(fs, "a", "m", "data", false) },
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "a", "m", []byte("data")) },
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "a") }},
		{"file synced, directory not",
			func(fs *MemFS) { create(fs, "a", "m", "data", true) },
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "a", "m", []byte("data")) },
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "a") }},
		{"directory synced, file not",
			func(fs *MemFS) { create(fs, "a", "m", "data", false); fs.FsyncDir("a") },
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "a", "m", []byte("data")) },
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "a", "m"); wantContents(t, fs, "a", "m", nil) }},
		{"both synced",
			func(fs *MemFS) { create(fs, "a", "m", "data", true); fs.FsyncDir("a") },
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "a", "m", []byte("data")) },
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "a", "m", []byte("data")) }},
		{"appends after fsync are lost on a host crash",
			func(fs *MemFS) {
				f, _ := fs.Create("a", "m")
				fs.Append(f, []byte("kept"))
				fs.Fsync(f)
				fs.FsyncDir("a")
				fs.Append(f, []byte("lost"))
			},
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "a", "m", []byte("keptlost")) },
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "a", "m", []byte("kept")) }},
		{"unsynced delete is undone by a host crash",
			func(fs *MemFS) { create(fs, "a", "m", "data", true); fs.FsyncDir("a"); fs.Delete("a", "m") },
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "a") },
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "a", "m", []byte("data")) }},
		{"synced delete",
			func(fs *MemFS) {
				create(fs, "a", "m", "data", true)
				fs.FsyncDir("a")
				fs.Delete("a", "m")
				fs.FsyncDir("a")
			},
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "a") },
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "a") }},
		{"unsynced link is lost on a host crash",
			func(fs *MemFS) {
				create(fs, "a", "m", "data", true)
				fs.FsyncDir("a")
				fs.Link("a", "m", "b", "n")
				fs.FsyncDir("a") // the source directory does not make the link durable
			},
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "b", "n", []byte("data")) },
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "b"); wantList(t, fs, "a", "m") }},
		{"synced link survives and still shares its file",
			func(fs *MemFS) {
				create(fs, "a", "m", "data", true)
				fs.Link("a", "m", "b", "n")
				fs.FsyncDir("a")
				fs.FsyncDir("b")
			},
			func(t *testing.T, fs *MemFS) { wantContents(t, fs, "b", "n", []byte("data")) },
			func(t *testing.T, fs *MemFS) {
				f := fs.Open("a", "m")
				fs.Close(f)
				fs.Delete("a", "m")
				wantContents(t, fs, "b", "n", []byte("data"))
				if fs.dirs["b"].entries["n"] != fs.dirs["a"].durable["m"] {
					t.Fatal("the two names of one file name different files after the crash")
				}
			}},
		{"mkdir is durable at once",
			func(fs *MemFS) { fs.Mkdir("c") },
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "c") },
			func(t *testing.T, fs *MemFS) { wantList(t, fs, "c") }},
	}
	for _, tt := range tests {
		for _, kind := range []string{"process", "host"} {
			t.Run(tt.name+"/"+kind, func(t *testing.T) {
				fs := NewMemFS()
				fs.Mkdir("a")
				fs.Mkdir("b")
				tt.build(fs)
				if kind == "process" {
					tt.process(t, fs.CrashProcess())
				} else {
					tt.host(t, fs.CrashHost())
				}
			})
		}
	}
}

// TestProcessThenHostCrash checks that a process crash keeps unsynced state unsynced.
func TestProcessThenHostCrash(t *testing.T) {
	fs := NewMemFS()
	fs.Mkdir("a")
	create(fs, "a", "kept", "k", true)
	fs.FsyncDir("a")
	create(fs, "a", "lost", "l", true)
	fs = fs.CrashProcess()
	wantList(t, fs, "a", "kept", "lost")
	fs = fs.CrashHost()
	wantList(t, fs, "a", "kept")
	wantContents(t, fs, "a", "kept", []byte("k"))
}

// TestDescriptorsLost checks that no descriptor survives either crash.
func TestDescriptorsLost(t *testing.T) {
	for _, crash := range []func(*MemFS) *MemFS{(*MemFS).CrashProcess, (*MemFS).CrashHost} {
		fs := NewMemFS()
		fs.Mkdir("a")
		f, _ := fs.Create("a", "m")
		fs.FsyncDir("a")
		after := crash(fs)
		if after.OpenFiles() != 0 {
			t.Fatalf("%d descriptors survived a crash", after.OpenFiles())
		}
		expectPanic(t, "is not open", func() { after.Append(f, []byte("x")) })
	}
}

// TestCrashedPanics checks that every method of a crashed MemFS panics with ErrCrashed.
func TestCrashedPanics(t *testing.T) {
	calls := map[string]func(fs *MemFS){
		"Create":       func(fs *MemFS) { fs.Create("a", "x") },
		"Append":       func(fs *MemFS) { fs.Append(File{}, nil) },
		"Close":        func(fs *MemFS) { fs.Close(File{}) },
		"Open":         func(fs *MemFS) { fs.Open("a", "m") },
		"ReadAt":       func(fs *MemFS) { fs.ReadAt(File{}, 0, 1) },
		"Delete":       func(fs *MemFS) { fs.Delete("a", "m") },
		"Link":         func(fs *MemFS) { fs.Link("a", "m", "a", "n") },
		"List":         func(fs *MemFS) { fs.List("a") },
		"Mkdir":        func(fs *MemFS) { fs.Mkdir("a") },
		"Fsync":        func(fs *MemFS) { fs.Fsync(File{}) },
		"FsyncDir":     func(fs *MemFS) { fs.FsyncDir("a") },
		"OpenFiles":    func(fs *MemFS) { fs.OpenFiles() },
		"CrashProcess": func(fs *MemFS) { fs.CrashProcess() },
		"CrashHost":    func(fs *MemFS) { fs.CrashHost() },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			fs := NewMemFS()
			fs.Mkdir("a")
			create(fs, "a", "m", "", false)
			fs.CrashHost()
			defer func() {
				if r := recover(); r != ErrCrashed {
					t.Fatalf("%s on a crashed MemFS panicked with %v, want ErrCrashed", name, r)
				}
			}()
			call(fs)
		})
	}
}

// TestCrashStopsGoroutines crashes a MemFS while goroutines use it, the way a crash test
// harness does: each goroutine recovers ErrCrashed and stops; the surviving state is
// consistent (every file's durable prefix is whole chunks).
func TestCrashStopsGoroutines(t *testing.T) {
	fs := NewMemFS()
	fs.Mkdir("a")
	var wg sync.WaitGroup
	started := make(chan struct{}, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil && r != ErrCrashed {
					t.Errorf("goroutine %d panicked with %v", g, r)
				}
			}()
			f, _ := fs.Create("a", string(rune('a'+g)))
			fs.FsyncDir("a")
			started <- struct{}{}
			for {
				fs.Append(f, []byte("chunk"))
				fs.Fsync(f)
			}
		}(g)
	}
	for g := 0; g < 8; g++ {
		<-started
	}
	after := fs.CrashHost()
	wg.Wait()
	for _, name := range after.List("a") {
		if data := read(t, after, "a", name); len(data)%5 != 0 {
			t.Errorf("file %s survived with %d bytes, not whole chunks", name, len(data))
		}
	}
	if n := len(after.List("a")); n != 8 {
		t.Errorf("%d files survived, want 8", n)
	}
}
