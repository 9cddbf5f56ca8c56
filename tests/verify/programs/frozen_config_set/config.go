// Package frozenconfigset is a verifier test of a frozen array: SetQuota writes the quotas,
// so they are not frozen, and Admit reads one with no lock that owns them (the server's lock
// protects the counters only): a data race with SetQuota.
//
// EXPECT fail race at line 40
package frozenconfigset

import "sync"

// Server admits requests while a tenant is under its quota.
type Server struct {
	quotas []uint64
	mu     *sync.Mutex //@ lock_inv acc(used) && used != nil && (forall k uint64 :: acc(used[k]))
	used   map[uint64]uint64
}

//@ init
func Init() *Server {
	q := make([]uint64, 3)
	q[0] = 10
	q[1] = 20
	q[2] = 5
	return &Server{quotas: q, mu: new(sync.Mutex), used: make(map[uint64]uint64)}
}

// SetQuota changes a tenant's quota (under the lock, which does not own the quotas).
func (s *Server) SetQuota(t uint64, q uint64) {
	s.mu.Lock()
	if t < uint64(len(s.quotas)) {
		s.quotas[t] = q
	}
	s.mu.Unlock()
}

// Admit counts one request of tenant t if it is under its quota.
func (s *Server) Admit(t uint64) bool {
	if t >= uint64(len(s.quotas)) {
		return false
	}
	limit := s.quotas[t]
	s.mu.Lock()
	n := s.used[t]
	ok := n < limit
	if ok {
		s.used[t] = n + 1
	}
	s.mu.Unlock()
	return ok
}
