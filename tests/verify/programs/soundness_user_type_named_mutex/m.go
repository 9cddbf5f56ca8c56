// Package soundnessusertypenamedmutex is a verifier test: a type of the package named Mutex is
// not sync.Mutex: its Lock is a call of its own method (which sets n to 5), not a lock.
//
// EXPECT fail postcondition at line 27
package soundnessusertypenamedmutex

type Mutex struct {
	n uint64
}

//@ requires acc(m.n)
//@ ensures acc(m.n) && m.n == 5
func (m *Mutex) Lock() {
	m.n = 5
}

//@ ensures true
func (m *Mutex) Unlock() {
}

//@ requires m != nil && acc(m.n)
//@ ensures ret == 1
func f(m *Mutex) uint64 {
	m.n = 1
	m.Lock()
	m.Unlock()
	return m.n
}
