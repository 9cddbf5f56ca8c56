// Package rtgocaptureaddrok is a verifier test: the twin of redteam_go_capture_addr whose
// goroutine reads a captured variable nobody writes (the pointer written is another
// variable's).
//
// EXPECT verified
package rtgocaptureaddrok

//@ requires acc(p)
func set(p *uint64) {
	*p = 2
}

// Run writes y through a pointer while the goroutine reads x.
func Run() {
	x := uint64(1)
	y := uint64(1)
	p := &y
	go func() {
		if x != 1 {
			panic("changed")
		}
	}()
	*p = 2
	set(&y)
}
