package filesys

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
)

// TestRaces checks that exclusive operations have exactly one winner under contention.
func TestRaces(t *testing.T) {
	races := map[string]func(fs FS) bool{
		"create": func(fs FS) bool {
			f, ok := fs.Create("a", "same")
			if ok {
				fs.Close(f)
			}
			return ok
		},
		"link": func(fs FS) bool { return fs.Link("a", "m", "b", "target") },
	}
	for raceName, race := range races {
		for name, fs := range impls(t) {
			t.Run(raceName+"/"+name, func(t *testing.T) {
				write(t, fs, "a", "m", nil)
				var wins atomic.Int32
				var wg sync.WaitGroup
				for g := 0; g < 16; g++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if race(fs) {
							wins.Add(1)
						}
					}()
				}
				wg.Wait()
				if wins.Load() != 1 {
					t.Fatalf("%d goroutines won, want exactly 1", wins.Load())
				}
			})
		}
	}
}

// message is the contents delivered by goroutine g as its i-th message: longer than one
// Append, recognisable, and of the same length for every g < 100, i < 1000.
func message(g, i int) []byte {
	return bytes.Repeat([]byte(fmt.Sprintf("<%02d.%03d>", g, i)), 1500)
}

// TestDeliveries runs Mailboat-style deliveries (create in a spool directory, append in
// chunks, link into place, delete the spool file) from many goroutines while others list
// and read, then checks every message arrived whole and no descriptor leaked.
func TestDeliveries(t *testing.T) {
	const writers, perWriter = 8, 20
	for name, fs := range impls(t) {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			var done atomic.Bool
			for g := 0; g < writers; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					for i := 0; i < perWriter; i++ {
						deliver(t, fs, message(g, i))
					}
				}(g)
			}
			var readers sync.WaitGroup
			for r := 0; r < 3; r++ {
				readers.Add(1)
				go func() {
					defer readers.Done()
					for !done.Load() {
						for _, n := range fs.List("b") {
							if len(read(t, fs, "b", n)) != len(message(0, 0)) {
								t.Errorf("a reader saw a partial message %s", n)
							}
						}
						fs.List("a")
					}
				}()
			}
			wg.Wait()
			done.Store(true)
			readers.Wait()
			wantList(t, fs, "a")
			got := map[string]bool{}
			for _, n := range fs.List("b") {
				got[string(read(t, fs, "b", n))] = true
			}
			for g := 0; g < writers; g++ {
				for i := 0; i < perWriter; i++ {
					if !got[string(message(g, i))] {
						t.Errorf("message %d.%d is missing or damaged", g, i)
					}
				}
			}
			if fs.OpenFiles() != 0 {
				t.Errorf("%d descriptors leaked", fs.OpenFiles())
			}
		})
	}
}

// deliver writes msg into a fresh spool file in a, links it into b, and deletes the spool.
func deliver(t *testing.T, fs FS, msg []byte) {
	var f File
	var spool string
	for ok := false; !ok; {
		spool = fmt.Sprint(rand.Uint64() % 64) // small space: collisions happen
		f, ok = fs.Create("a", spool)
	}
	for off := 0; off < len(msg); off += int(MaxAppend) {
		fs.Append(f, msg[off:min(off+int(MaxAppend), len(msg))])
	}
	fs.Close(f)
	for !fs.Link("a", spool, "b", fmt.Sprintf("msg%d", rand.Uint64()%100000)) {
	}
	fs.Delete("a", spool)
}
