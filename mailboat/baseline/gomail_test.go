package baseline

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// store is what Store and RawStore have in common.
type store interface {
	Deliver(user int, msg []byte) error
	Pickup(user int) ([]Message, *Lock, error)
	Delete(user int, id string) error
}

// stores makes one store of each kind under fresh directories.
func stores(t *testing.T, users int) map[string]store {
	os, err := New(t.TempDir(), users)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := NewRaw(t.TempDir(), users)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(raw.Close)
	return map[string]store{"os": os, "raw": raw}
}

func TestDeliverPickupDelete(t *testing.T) {
	for _, n := range []int{0, 1, 5} {
		for kind, s := range stores(t, 2) {
			t.Run(fmt.Sprint(kind, n), func(t *testing.T) {
				for i := 0; i < n; i++ {
					if err := s.Deliver(1, []byte(fmt.Sprint("m", i))); err != nil {
						t.Fatal(err)
					}
				}
				msgs, l, err := s.Pickup(1)
				if err != nil || len(msgs) != n {
					t.Fatalf("Pickup: %d messages, %v; want %d", len(msgs), err, n)
				}
				for _, m := range msgs {
					if !bytes.HasPrefix(m.Contents, []byte("m")) {
						t.Errorf("bad contents %q", m.Contents)
					}
					if err := s.Delete(1, m.ID); err != nil {
						t.Fatal(err)
					}
				}
				if err := l.Unlock(); err != nil {
					t.Fatal(err)
				}
				msgs, l, _ = s.Pickup(1)
				l.Unlock()
				if len(msgs) != 0 {
					t.Fatalf("%d messages after deleting all", len(msgs))
				}
			})
		}
	}
}

func TestConcurrentPickupsExclude(t *testing.T) {
	for kind, s := range stores(t, 1) {
		t.Run(kind, func(t *testing.T) { concurrentPickups(t, s) })
	}
}

func concurrentPickups(t *testing.T, s store) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]bool{}
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				s.Deliver(0, []byte(fmt.Sprint(g, ".", i)))
				msgs, l, err := s.Pickup(0)
				if err != nil {
					t.Error(err)
					return
				}
				for _, m := range msgs {
					mu.Lock()
					if seen[m.ID] {
						t.Errorf("message %s picked up twice", m.ID)
					}
					seen[m.ID] = true
					mu.Unlock()
					s.Delete(0, m.ID)
				}
				l.Unlock()
			}
		}(g)
	}
	wg.Wait()
	if len(seen) != 200 {
		t.Fatalf("%d messages seen, want 200", len(seen))
	}
}
