package corpus

// Constructs of Goose programs: constant expressions that fit uint64 (^uint64(0)),
// sync.RWMutex (as a mutex), `for init; ; { ... continue }`, new([]T), alias conversions.

import "sync"

const MaxU64 = ^uint64(0)

const FullMask uint64 = 1<<64 - 1

const HalfMax = MaxU64 / 2

// Negative along the way, non-negative in the end (Go's truncating division).
const Offset = 10 - 20 + 30 + (0-7)/2 + -1 + ^0 + 2

type Store struct {
	mu *sync.RWMutex
	rw *sync.RWMutex
	n  uint64
}

func NewStore() *Store {
	return &Store{mu: new(sync.RWMutex), rw: new(sync.RWMutex)}
}

func (s *Store) Get() uint64 {
	s.mu.RLock()
	n := s.n
	s.mu.RUnlock()
	return n
}

func (s *Store) Put(v uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n = v
}

func (s *Store) Peek() uint64 {
	s.rw.RLock()
	defer s.rw.RUnlock()
	return s.n
}

func Sum(xs []uint64) uint64 {
	var total uint64
	for i := uint64(0); ; {
		if i >= uint64(len(xs)) {
			break
		}
		if xs[i] == MaxU64 {
			i++
			continue
		}
		total += xs[i]
		i++
	}
	return total
}

func NewSlice() *[]uint64 {
	p := new([]uint64)
	*p = append(*p, ^uint64(0), FullMask, HalfMax, Offset)
	return p
}

type RawBlock = []byte

func Conv(b []byte) RawBlock {
	return RawBlock(b)
}
