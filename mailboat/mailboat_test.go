package mailboat

import (
	"bytes"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"armada/goose/machine/filesys"
)

// fsKinds are the file systems every library test runs on.
var fsKinds = []struct {
	name string
	make func(t *testing.T) filesys.FS
}{
	{"mem", func(t *testing.T) filesys.FS { return filesys.NewMemFS() }},
	{"os", func(t *testing.T) filesys.FS {
		fs, err := filesys.NewOSFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}},
}

// payload returns n bytes that differ from message to message (seed) and position to
// position, so that a misplaced or repeated chunk is caught.
func payload(seed, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(seed*31 + i*7 + i/4096)
	}
	return b
}

// openFiles is the number of descriptors the file system has open, or 0 if it cannot tell.
func openFiles(fs filesys.FS) int {
	if m, ok := fs.(interface{ OpenFiles() int }); ok {
		return m.OpenFiles()
	}
	return 0
}

func TestDeliverPickupSizes(t *testing.T) {
	sizes := []int{0, 1, 511, 512, 513, 4095, 4096, 4097, 8192, 100000}
	for _, kind := range fsKinds {
		for _, durable := range []bool{false, true} {
			for _, size := range sizes {
				t.Run(fmt.Sprintf("%s/durable=%v/%d", kind.name, durable, size), func(t *testing.T) {
					fs := kind.make(t)
					filesys.Use(fs)
					mb := Init(3, durable)
					want := payload(size, size)
					mb.Deliver(1, want)
					msgs := mb.Pickup(1)
					if len(msgs) != 1 || !bytes.Equal([]byte(msgs[0].Contents), want) {
						t.Fatalf("pickup after delivering %d bytes: got %d messages", size, len(msgs))
					}
					if n := openFiles(fs); n != 0 {
						t.Errorf("%d files left open", n)
					}
					if others := mb.Pickup(0); len(others) != 0 {
						t.Errorf("user 0 got %d messages delivered to user 1", len(others))
					}
					mb.Unlock(0)
					mb.Delete(1, msgs[0].ID)
					mb.Unlock(1)
					if left := mb.Pickup(1); len(left) != 0 {
						t.Errorf("%d messages left after Delete", len(left))
					}
					mb.Unlock(1)
					if spool := filesys.List(SpoolDir); len(spool) != 0 {
						t.Errorf("spool not empty: %v", spool)
					}
				})
			}
		}
	}
}

func TestOperations(t *testing.T) {
	cases := []struct {
		name    string
		deliver []int // users to deliver to, in order
		del     int   // messages of user 0 to delete
		want    []int // messages per user after
	}{
		{"empty", nil, 0, []int{0, 0}},
		{"one each", []int{0, 1}, 0, []int{1, 1}},
		{"delete some", []int{0, 0, 0, 1}, 2, []int{1, 1}},
		{"delete all", []int{0, 0}, 2, []int{0, 0}},
	}
	for _, kind := range fsKinds {
		for _, c := range cases {
			t.Run(kind.name+"/"+c.name, func(t *testing.T) {
				filesys.Use(kind.make(t))
				mb := Init(2, false)
				for i, u := range c.deliver {
					mb.Deliver(uint64(u), payload(i, 10+i))
				}
				msgs := mb.Pickup(0)
				for _, m := range msgs[:c.del] {
					mb.Delete(0, m.ID)
				}
				mb.Unlock(0)
				for u, n := range c.want {
					got := mb.Pickup(uint64(u))
					mb.Unlock(uint64(u))
					if len(got) != n {
						t.Errorf("user %d: %d messages, want %d", u, len(got), n)
					}
				}
			})
		}
	}
}

func TestInitIsIdempotentAndKeepsMail(t *testing.T) {
	filesys.Use(filesys.NewMemFS())
	mb := Init(2, false)
	mb.Deliver(1, []byte("kept"))
	mb = Init(2, false)
	msgs := mb.Pickup(1)
	if len(msgs) != 1 || msgs[0].Contents != "kept" {
		t.Fatalf("after a second Init: %v", msgs)
	}
	if mb.Users() != 2 || mb.Durable() {
		t.Errorf("Users()=%d Durable()=%v", mb.Users(), mb.Durable())
	}
}

func TestInitEmptiesSpool(t *testing.T) {
	for _, n := range []int{0, 1, 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			filesys.Use(filesys.NewMemFS())
			mb := Init(1, true)
			mb.Deliver(0, []byte("delivered"))
			for i := 0; i < n; i++ {
				f, ok := filesys.Create(SpoolDir, fmt.Sprint("partial", i))
				if !ok {
					t.Fatal("create failed")
				}
				filesys.Append(f, []byte("half a mess"))
				filesys.Close(f)
			}
			mb = Init(1, true)
			if spool := filesys.List(SpoolDir); len(spool) != 0 {
				t.Fatalf("spool after Init: %v", spool)
			}
			if msgs := mb.Pickup(0); len(msgs) != 1 {
				t.Fatalf("Init's recovery touched the mailbox: %d messages", len(msgs))
			}
		})
	}
}

func TestPickupHoldsLockDeliverDoesNot(t *testing.T) {
	filesys.Use(filesys.NewMemFS())
	mb := Init(1, false)
	mb.Pickup(0)
	mb.Deliver(0, []byte("while locked")) // must not block
	got := make(chan int)
	go func() {
		got <- len(mb.Pickup(0))
		mb.Unlock(0)
	}()
	select {
	case <-got:
		t.Fatal("a second Pickup did not wait for the lock")
	case <-time.After(50 * time.Millisecond):
	}
	mb.Unlock(0)
	if n := <-got; n != 1 {
		t.Fatalf("second Pickup saw %d messages, want 1", n)
	}
}

// TestConcurrent runs deliveries and pickups with deletions at the same time and checks
// that every message is seen whole, deleted once, and none is lost.
func TestConcurrent(t *testing.T) {
	for _, kind := range fsKinds {
		t.Run(kind.name, func(t *testing.T) {
			fs := kind.make(t)
			filesys.Use(fs)
			const users, writers, perWriter, readers = 4, 6, 40, 3
			mb := Init(users, false)
			var mu sync.Mutex
			seen := map[string]bool{}
			var wg sync.WaitGroup
			done := make(chan struct{})
			check := func(u uint64) {
				for _, m := range mb.Pickup(u) {
					var w, i, n int
					fmt.Sscanf(m.Contents, "%d %d %d ", &w, &i, &n)
					if want := body(w, i, n); m.Contents != want {
						t.Errorf("partial or corrupt message %.20q", m.Contents)
					}
					mu.Lock()
					if seen[m.Contents] {
						t.Errorf("message %q picked up after it was deleted", m.Contents[:20])
					}
					seen[m.Contents] = true
					mu.Unlock()
					mb.Delete(u, m.ID)
				}
				mb.Unlock(u)
			}
			for r := 0; r < readers; r++ {
				wg.Add(1)
				go func(r int) {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-done:
							return
						default:
							check(uint64((r + i) % users))
						}
					}
				}(r)
			}
			var writersWG sync.WaitGroup
			for w := 0; w < writers; w++ {
				writersWG.Add(1)
				go func(w int) {
					defer writersWG.Done()
					for i := 0; i < perWriter; i++ {
						mb.Deliver(uint64((w+i)%users), []byte(body(w, i, (w*perWriter+i)*97%9000)))
					}
				}(w)
			}
			writersWG.Wait()
			close(done)
			wg.Wait()
			for u := uint64(0); u < users; u++ {
				check(u)
			}
			if len(seen) != writers*perWriter {
				t.Fatalf("%d messages picked up, want %d", len(seen), writers*perWriter)
			}
			if n := openFiles(fs); n != 0 {
				t.Errorf("%d files left open", n)
			}
		})
	}
}

// body is a self-describing message: its header says how long its padding is.
func body(w, i, n int) string {
	return fmt.Sprintf("%d %d %d ", w, i, n) + string(bytes.Repeat([]byte{byte('a' + (w+i)%26)}, n))
}

func TestMessageIDsAreDistinct(t *testing.T) {
	filesys.Use(filesys.NewMemFS())
	mb := Init(1, false)
	for i := 0; i < 200; i++ {
		mb.Deliver(0, []byte("same"))
	}
	msgs := mb.Pickup(0)
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	sort.Strings(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			t.Fatalf("duplicate id %s", ids[i])
		}
	}
	if len(ids) != 200 {
		t.Fatalf("%d messages, want 200", len(ids))
	}
}
