// Package goclosurereadonly is a verifier test: go closure readonly.
//
// EXPECT verified
package goclosurereadonly

//@ requires k < 10
func use(k uint64) uint64 {
	return k + 1
}

// Nobody assigns k after the goroutine starts: reading it is no race, and the body,
// verified at the go statement, knows k < 10.
//@ requires n < 10
func spawn(n uint64) {
	k := n
	go func() {
		_ = use(k)
	}()
}
