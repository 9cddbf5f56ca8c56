package mailboat

import (
	"fmt"
	"math/rand"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"armada/goose/machine/filesys"
)

func filesysList(dir string) []string { return filesys.List(dir) }

// runLoad runs deliverers and one picker (one, so that a crash inside Pickup cannot leave
// another goroutine waiting for the lock forever) until the file system crashes under them
// or, for a goroutine that has not touched it since, stop is set.
func runLoad(mb *Mailboat, users uint64, l *ledger, round int, seed int64, stop *atomic.Bool, t *testing.T) *sync.WaitGroup {
	var wg sync.WaitGroup
	worker := func(g int, body func(r *rand.Rand, i int)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil && r != filesys.ErrCrashed {
					t.Errorf("worker %d: unexpected panic: %v", g, r)
				}
			}()
			r := rand.New(rand.NewSource(seed + int64(g)))
			for i := 0; !stop.Load(); i++ {
				body(r, i)
			}
		}()
	}
	for g := 0; g < 3; g++ {
		g := g
		worker(g, func(r *rand.Rand, i int) {
			key := fmt.Sprintf("r%d.g%d.%d", round, g, i)
			l.set(key, stSent)
			if g == 2 { // the server's path: a spool file linked into the mailbox
				d := mb.Begin()
				mb.Write(d, testMessage(key, testSize(r)))
				mb.Commit(d, []uint64{uint64(r.Intn(int(users)))})
			} else {
				mb.Deliver(uint64(r.Intn(int(users))), testMessage(key, testSize(r)))
			}
			l.set(key, stAcked)
		})
	}
	worker(3, func(r *rand.Rand, i int) {
		u := uint64(r.Intn(int(users)))
		for _, m := range mb.Pickup(u) {
			if r.Intn(2) == 0 {
				continue
			}
			key, _, _ := parseHeader(m.Contents)
			l.set(key, stDeleting)
			mb.Delete(u, m.ID)
			l.set(key, stDeleted)
		}
		mb.Unlock(u)
	})
	return &wg
}

// TestHostCrash crashes the in-memory file system as a power failure would (only what was
// fsynced survives) at random moments of a mixed load in durable mode, recovers, and checks
// that every acknowledged delivery and deletion survived and nothing is partial.
func TestHostCrash(t *testing.T) {
	cases := []struct {
		name    string
		durable bool
		crash   func(*filesys.MemFS) *filesys.MemFS
		rounds  int
	}{
		{"host crash, durable", true, (*filesys.MemFS).CrashHost, 300},
		{"process crash, not durable", false, (*filesys.MemFS).CrashProcess, 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			const users = 4
			fs := filesys.NewMemFS()
			filesys.Use(fs)
			l := newLedger()
			r := rand.New(rand.NewSource(1))
			for round := 0; round < c.rounds; round++ {
				mb := Init(users, c.durable)
				var stop atomic.Bool
				wg := runLoad(mb, users, l, round, int64(round)*10, &stop, t)
				time.Sleep(time.Duration(r.Intn(2000)) * time.Microsecond)
				fs = c.crash(fs)
				stop.Store(true)
				wg.Wait()
				filesys.Use(fs)
				mb = Init(users, c.durable)
				if errs := l.check(mb, users); len(errs) > 0 {
					t.Fatalf("round %d: %d problems, first: %v", round, len(errs), errs[:min(5, len(errs))])
				}
			}
		})
	}
}
