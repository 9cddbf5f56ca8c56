// Package frozenconfig is a verifier test of a frozen array that holds plain values: a
// server's per-tenant quotas, read by every request without a lock (nothing writes them
// after the server is built), next to counters a lock protects.
//
// EXPECT verified
package frozenconfig

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
