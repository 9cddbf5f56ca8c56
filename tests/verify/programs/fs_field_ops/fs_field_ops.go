// Package fsfieldops is a verifier test that the explorer also runs: spec ops whose helpers
// hand a descriptor to each other in a struct's field (`filesys.Open[w.f]`). Put writes two
// records, holding the lock, through a writer that begin hands out, add borrows and finish
// closes; Any reads the newest file (is it empty?) through a cursor that may hold no
// descriptor.
//
// EXPECT verified
package fsfieldops

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ spec R {
//@   op Put() { }
//@   op Any() bool { choose b bool; return b }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@ }

type Store struct {
	mu    *sync.Mutex //@ lock_inv acc(names) && names != nil && (forall k string :: acc(names[k])) && acc(last) && lease(filesys.Dirs["recs"], >= names) && (last != "" ==> names[last])
	names map[string]bool
	last  string
}

type writer struct {
	f    filesys.File
	name string
}

type cursor struct {
	f    filesys.File
	live bool
}

//@ init
func Init() *Store {
	filesys.Mkdir("recs")
	return &Store{mu: new(sync.Mutex), names: make(map[string]bool), last: ""}
}

//@ requires s != nil && locked(s.mu)
//@ ensures locked(s.mu) && ret != nil && acc(ret.f) && acc(ret.name) && filesys.Open[ret.f] && filesys.Dirs["recs"][ret.name]
func (s *Store) begin() *writer {
	for {
		name := prims.UInt64ToString(prims.RandomUint64() % 4)
		f, ok := filesys.Create("recs", name)
		if ok {
			return &writer{f: f, name: name}
		}
	}
}

//@ requires w != nil && acc(w.f) && filesys.Open[w.f] && len(rec) <= 4096
//@ ensures acc(w.f) && filesys.Open[w.f]
func add(w *writer, rec []byte) {
	filesys.Append(w.f, rec)
}

//@ requires w != nil && acc(w.f) && filesys.Open[w.f]
//@ ensures acc(w.f)
func finish(w *writer) {
	filesys.Close(w.f)
}

//@ implements R.Put
func (s *Store) Put() {
	rec := make([]byte, 8)
	s.mu.Lock()
	w := s.begin()
	add(w, rec)
	add(w, rec)
	finish(w)
	name := w.name
	s.names[name] = true
	s.last = name
	s.mu.Unlock() //@ linearize
}

//@ requires s != nil
//@ ensures ret != nil && acc(ret.f) && acc(ret.live) && (ret.live ==> filesys.Open[ret.f])
func (s *Store) open() *cursor {
	s.mu.Lock()
	if s.last == "" {
		s.mu.Unlock()
		return &cursor{live: false}
	}
	f := filesys.Open("recs", s.last)
	s.mu.Unlock()
	return &cursor{f: f, live: true}
}

//@ requires c != nil && acc(c.f) && acc(c.live) && (c.live ==> filesys.Open[c.f])
//@ ensures acc(c.f) && acc(c.live) && !c.live
func stop(c *cursor) {
	if c.live {
		c.live = false
		filesys.Close(c.f)
	}
}

//@ implements R.Any
func (s *Store) Any() bool {
	c := s.open()
	var n uint64 = 0
	if c.live {
		n = uint64(len(filesys.ReadAt(c.f, 0, 64)))
	}
	stop(c)
	stop(c)
	return n > 0 //@ linearize b = n > 0
}
