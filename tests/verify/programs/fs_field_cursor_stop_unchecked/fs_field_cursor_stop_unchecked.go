// Package fsfieldcursorstopunchecked is a verifier test: Stop closes the descriptor whether or not
// the cursor holds one (First stops a cursor twice: the second Close panics).
//
// EXPECT fail safety at line 61
package fsfieldcursorstopunchecked

import (
	"sync"

	"armada/goose/machine/filesys"
)

type Cursor struct {
	f    filesys.File
	live bool
	off  uint64
}

type Store struct {
	mu    *sync.Mutex //@ lock_inv acc(names) && names != nil && (forall k string :: acc(names[k])) && lease(filesys.Dirs["data"], >= names)
	names map[string]bool
}

//@ init
func Init() {
	filesys.Mkdir("data")
}

//@ requires s != nil
//@ ensures ret != nil && acc(ret.f) && acc(ret.live) && acc(ret.off) && (ret.live ==> filesys.Open[ret.f])
func Start(s *Store, name string) *Cursor {
	s.mu.Lock()
	if !s.names[name] {
		s.mu.Unlock()
		return &Cursor{live: false, off: 0}
	}
	f := filesys.Open("data", name)
	s.mu.Unlock()
	return &Cursor{f: f, live: true, off: 0}
}

//@ requires c != nil && acc(c.f) && acc(c.live) && acc(c.off) && (c.live ==> filesys.Open[c.f])
//@ ensures acc(c.f) && acc(c.live) && acc(c.off) && (c.live ==> filesys.Open[c.f])
func Next(c *Cursor) []byte {
	if !c.live {
		return make([]byte, 0)
	}
	b := filesys.ReadAt(c.f, c.off, 512)
	c.off = c.off + uint64(len(b))
	if uint64(len(b)) < 512 {
		c.live = false
		filesys.Close(c.f)
	}
	return b
}

//@ requires c != nil && acc(c.f) && acc(c.live) && (c.live ==> filesys.Open[c.f])
//@ ensures acc(c.f) && acc(c.live) && !c.live
func Stop(c *Cursor) {
	c.live = false
	filesys.Close(c.f)
}

//@ requires s != nil
func First(s *Store, name string) uint64 {
	c := Start(s, name)
	b := Next(c)
	Stop(c)
	Stop(c)
	return uint64(len(b))
}
