package mailboat

import (
	"fmt"
	"hash/fnv"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The crash tests drive a mixed load and record, for every message, how far its delivery
// and deletion got before the crash; after recovery, check compares the mailboxes with
// that record.

// Message states in a ledger.
const (
	stSent     = iota + 1 // Deliver was called and had not returned
	stAcked               // Deliver returned: the message must be there exactly once
	stDeleting            // Delete was called and had not returned
	stDeleted             // Delete returned: the message must be gone
)

// ledger records the state of every message of a crash test.
type ledger struct {
	mu    sync.Mutex
	state map[string]int
}

func newLedger() *ledger { return &ledger{state: map[string]int{}} }

// set moves key to state st unless it is already further along: the goroutine that
// delivered a message may record its acknowledgement after another one deleted it.
func (l *ledger) set(key string, st int) {
	l.mu.Lock()
	if st > l.state[key] {
		l.state[key] = st
	}
	l.mu.Unlock()
}

// event applies one line of the crash child's protocol: "S key", "D key", "d key", "x key".
func (l *ledger) event(line string) error {
	op, key, ok := strings.Cut(line, " ")
	states := map[string]int{"S": stSent, "D": stAcked, "d": stDeleting, "x": stDeleted}
	if !ok || states[op] == 0 {
		return fmt.Errorf("bad event %q", line)
	}
	l.set(key, states[op])
	return nil
}

// testMessage is the self-describing message for key: a header naming the key and the
// length of a body derived from the key, so that a partial or mixed-up message is caught.
func testMessage(key string, n int) []byte {
	h := fnv.New64a()
	h.Write([]byte(key))
	seed := h.Sum64()
	off := (seed % 26) * 15 % 26 // body[i] = 'a' + (seed + 7i) mod 26, as 15 = 7⁻¹ mod 26
	return append([]byte(fmt.Sprintf("K %s %d\n", key, n)), pattern[off:off+uint64(n)]...)
}

// pattern[i] = 'a' + 7i mod 26: a period of 26, which no chunk size divides.
var pattern = func() []byte {
	b := make([]byte, 20000)
	for i := range b {
		b[i] = byte('a' + i*7%26)
	}
	return b
}()

// testSize picks a message size, often one at a chunk boundary.
func testSize(r *rand.Rand) int {
	sizes := []int{0, 1, 511, 4095 - 20, 4096 - 20, 4097 - 20, 8192}
	if r.Intn(2) == 0 {
		return sizes[r.Intn(len(sizes))]
	}
	return r.Intn(10000)
}

// check recovers nothing itself: it reads every mailbox of mb (already recovered) and the
// spool, compares them with the ledger and then resets the ledger to what is there, so
// that the next round starts from the recovered state. To keep rounds fast it then deletes
// all but keep messages of each mailbox.
func (l *ledger) check(mb *Mailboat, users uint64) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []string
	if spool := filesysList(SpoolDir); len(spool) != 0 {
		errs = append(errs, fmt.Sprintf("spool not empty after Recover: %v", spool))
	}
	found := map[string]int{}
	const keep = 10
	gone := map[string]bool{}
	for u := uint64(0); u < users; u++ {
		msgs := mb.Pickup(u)
		if files := filesysList(UserDir(u)); len(files) != len(msgs) {
			errs = append(errs, fmt.Sprintf("user %d: %d files in the mailbox after Recover, %d messages indexed", u, len(files), len(msgs)))
		}
		for i, m := range msgs {
			key, n, ok := parseHeader(m.Contents)
			if !ok || m.Contents != string(testMessage(key, n)) {
				errs = append(errs, fmt.Sprintf("user %d: partial or corrupt message %s: %.40q", u, m.ID, m.Contents))
				continue
			}
			found[key]++
			if i >= keep {
				mb.Delete(u, m.ID)
				gone[key] = true
			}
		}
		mb.Unlock(u)
	}
	for key, n := range found {
		st := l.state[key]
		switch {
		case st == 0:
			errs = append(errs, fmt.Sprintf("message %s was never sent", key))
		case n > 1:
			errs = append(errs, fmt.Sprintf("message %s is there %d times", key, n))
		case st == stDeleted:
			errs = append(errs, fmt.Sprintf("message %s is back after its Delete returned", key))
		}
	}
	for key, st := range l.state {
		if st == stAcked && found[key] == 0 {
			errs = append(errs, fmt.Sprintf("acknowledged message %s is lost", key))
		}
	}
	l.state = map[string]int{}
	for key := range found {
		if !gone[key] {
			l.state[key] = stAcked
		}
	}
	sort.Strings(errs)
	return errs
}

func parseHeader(s string) (key string, n int, ok bool) {
	line, _, found := strings.Cut(s, "\n")
	f := strings.Fields(line)
	if !found || len(f) != 3 || f[0] != "K" {
		return "", 0, false
	}
	n, err := strconv.Atoi(f[2])
	return f[1], n, err == nil
}
