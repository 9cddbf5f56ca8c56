// Package speclistlog is a verifier test of spec lists: the spec's state is the list of
// added values, and the lock invariant says the code's slice holds that list
// (`items == Log.items`). All copies it in a loop whose invariant says the copy is a prefix
// (`out == Log.items[:i]`); Drop removes one element with append(l[:i], l[i+1:]...), in the
// spec and in the code.
//
// EXPECT verified
package speclistlog

import "sync"

//@ spec Log {
//@   state items: []uint64
//@   op Add(x uint64) { items = append(items, x) }
//@   op Count() uint64 { return uint64(len(items)) }
//@   op Get(i uint64) uint64 { if i < len(items) { return items[i] }; return 0 }
//@   op All() []uint64 { return items }
//@   op Drop(i uint64) { if i < len(items) { items = append(items[:i], items[i+1:]...) } }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {0, 1}
//@ }

//@ init
func New() *Log {
	return &Log{mu: new(sync.Mutex), items: make([]uint64, 0)}
}

type Log struct {
	mu    *sync.Mutex //@ lock_inv acc(items) && acc(Log.items) && uint64(len(items)) == len(Log.items) && (forall i uint64 :: i < len(items) ==> acc(items[i])) && items == Log.items
	items []uint64
}

//@ implements Log.Add
func (l *Log) Add(x uint64) {
	l.mu.Lock()
	l.items = append(l.items, x) //@ linearize
	l.mu.Unlock()
}

//@ implements Log.Count
func (l *Log) Count() uint64 {
	l.mu.Lock()
	n := uint64(len(l.items)) //@ linearize
	l.mu.Unlock()
	return n
}

//@ implements Log.Get
func (l *Log) Get(i uint64) uint64 {
	l.mu.Lock()
	var v uint64 = 0 //@ linearize
	if i < uint64(len(l.items)) {
		v = l.items[i]
	}
	l.mu.Unlock()
	return v
}

//@ implements Log.All
func (l *Log) All() []uint64 {
	l.mu.Lock()
	out := make([]uint64, 0)
	for i, x := range l.items {
		//@ invariant uint64(len(out)) == i && (forall j uint64 :: j < len(out) ==> acc(out[j])) && out == Log.items[:i]
		_ = i
		out = append(out, x)
	}
	_ = out //@ linearize
	l.mu.Unlock()
	return out
}

//@ implements Log.Drop
func (l *Log) Drop(i uint64) {
	l.mu.Lock()
	if i < uint64(len(l.items)) {
		l.items = append(l.items[:i], l.items[i+1:]...) //@ linearize
	} else {
		_ = i //@ linearize
	}
	l.mu.Unlock()
}
