// Package structalias is a verifier test: struct alias.
//
// EXPECT verified
package structalias

type Counter struct {
	n uint64
}

// A pointer to a local struct and the local are the same memory.
//@ ensures ret == 2
func viaPointer() uint64 {
	c := Counter{n: 1}
	p := &c
	p.n = 2
	return c.n
}

// Storing a whole struct through a pointer changes every field.
//@ ensures ret == 7
func whole() uint64 {
	p := &Counter{n: 1}
	*p = Counter{n: 7}
	return p.n
}

// Assigning a field of the local is seen through the pointer.
//@ ensures ret == 5
func viaLocal() uint64 {
	c := Counter{n: 1}
	p := &c
	c.n = 5
	return p.n
}
