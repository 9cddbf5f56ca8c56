package main

import p "github.com/goose-lang/primitive"

// The later primitive package, under a renamed import.
func Run() (uint64, string, bool) {
	b := make([]byte, 8)
	p.UInt64Put(b, ^uint64(0)-1)
	s := p.UInt64ToString(p.UInt64Get(b) % 1000)
	return p.UInt64Get(b) >> 60, s, s == "614"
}
