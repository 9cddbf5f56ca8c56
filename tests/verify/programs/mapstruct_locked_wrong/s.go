// Package mapstructlockedwrong is a verifier test: a count past the bound breaks the lock
// invariant over every value, and reading the map outside the lock is a race.
//
// EXPECT fail lock-inv at line 31
// EXPECT fail race at line 35
package mapstructlockedwrong

import "sync"

// Max bounds every session's message count.
const Max uint64 = 50

// Session is one user's state.
type Session struct {
	User  string
	Count uint64
	Open  bool
}

// Table maps session ids to sessions.
type Table struct {
	mu       *sync.Mutex //@ lock_inv acc(sessions) && sessions != nil && (forall k uint64 :: acc(sessions[k])) && (forall k uint64 :: sessions[k].Count <= Max)
	sessions map[uint64]Session
}

func (t *Table) Note(id uint64) {
	t.mu.Lock()
	s := t.sessions[id]
	s.Count = s.Count + 1
	t.sessions[id] = s
	t.mu.Unlock()
}

func (t *Table) Peek(id uint64) uint64 {
	return t.sessions[id].Count
}
