// Package callgraphrangelock is a verifier test (soundness): Sum ranges up to the count a
// call returns, and that call (count) takes the table's lock. Total holds the lock while
// it calls Sum: a self-deadlock, whose only call of count is a range operand.
//
// EXPECT fail deadlock at line 37
package callgraphrangelock

import "sync"

// Table keeps its lock and a count.
type Table struct {
	mu *sync.Mutex //@ lock_inv true
}

func (t *Table) count() uint64 {
	t.mu.Lock()
	t.mu.Unlock()
	return 3
}

// Sum adds up 0..count-1.
func (t *Table) Sum() uint64 {
	var s uint64
	for i := range t.count() {
		if i < 100 && s < 100 {
			s = s + i
		}
	}
	return s
}

// Total holds the lock across Sum.
//
//@ ensures true
func (t *Table) Total() uint64 {
	t.mu.Lock()
	n := t.Sum()
	t.mu.Unlock()
	return n
}
