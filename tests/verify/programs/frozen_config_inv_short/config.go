// Package frozenconfiginvshort is a verifier test of a struct invariant: init builds the
// server with two quotas where its invariant says three.
//
// EXPECT fail struct-inv at line 21
package frozenconfiginvshort

import "sync"

// Server admits requests while a tenant is under its quota.
type Server struct {
	quotas []uint64 //@ invariant uint64(len(quotas)) == 3
	mu     *sync.Mutex //@ lock_inv acc(used) && used != nil && (forall k uint64 :: acc(used[k]))
	used   map[uint64]uint64
}

//@ init
func Init() *Server {
	q := make([]uint64, 2)
	q[0] = 10
	q[1] = 20
	return &Server{quotas: q, mu: new(sync.Mutex), used: make(map[uint64]uint64)}
}

// Admit counts one request of tenant t if it is under its quota.
//
//@ requires t < 3
func (s *Server) Admit(t uint64) bool {
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
