// Package mapstructlocked is a verifier test: a map of struct values under a lock, whose
// invariant bounds a field of every value.
//
// EXPECT verified
package mapstructlocked

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

//@ ensures true
func (t *Table) Open(id uint64, user string) {
	t.mu.Lock()
	t.sessions[id] = Session{User: user, Open: true}
	t.mu.Unlock()
}

//@ ensures ret <= Max
func (t *Table) Note(id uint64) uint64 {
	t.mu.Lock()
	s, ok := t.sessions[id]
	if ok && s.Count < Max {
		s.Count = s.Count + 1
		t.sessions[id] = s
	}
	c := t.sessions[id].Count
	t.mu.Unlock()
	return c
}

//@ ensures ret != nil
func New() *Table {
	return &Table{mu: new(sync.Mutex), sessions: make(map[uint64]Session)}
}
