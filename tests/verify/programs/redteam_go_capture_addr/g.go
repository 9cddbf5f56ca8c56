// Package rtgocaptureaddr is a verifier test: a goroutine reads a captured variable without
// ownership only if nothing may write it, and a variable whose address is taken may be
// written through the pointer. Each goroutine may panic in Go (the parent writes x through
// p, or set writes it, while the goroutine reads it); both were proved.
//
// EXPECT fail race at line 21
// EXPECT fail race at line 32
// EXPECT fail race at line 44
package rtgocaptureaddr

//@ requires acc(p)
func set(p *uint64) {
	*p = 2
}

// Run writes x through a pointer while the goroutine reads it.
func Run() {
	x := uint64(1)
	p := &x
	go func() {
		if x != 1 {
			panic("changed")
		}
	}()
	*p = 2
}

// Run2 hands x's address to set while the goroutine reads it.
func Run2() {
	x := uint64(1)
	go func() {
		if x != 1 {
			panic("changed")
		}
	}()
	set(&x)
}

// Run3 starts set on x's address while the goroutine reads it.
func Run3() {
	x := uint64(1)
	go set(&x)
	go func() {
		if x != 1 {
			panic("changed")
		}
	}()
}
