package corpus

import "sync"

// Annotations attach to declarations, fields, statements and loops.
type Account struct {
	mu  *sync.Mutex
	bal uint64 //@ lock_inv bal <= 1000
}

//@ requires x <= 10
//@ ensures result >= x
func annotated(x uint64) uint64 {
	y := x
	for i := uint64(0); i < 3; i++ {
		//@ invariant y >= x
		y++
	}
	//@ assert y >= x
	return y
}

/*@ requires a != nil
    preserves a.bal <= 1000 @*/
func (a *Account) Touch() {
	a.mu.Lock()
	a.mu.Unlock() //@ linearize
}
