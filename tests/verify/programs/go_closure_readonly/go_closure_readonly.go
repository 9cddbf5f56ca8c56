// Package goclosurereadonly is a verifier test: go closure readonly.
//
// EXPECT verified
package goclosurereadonly

//@ requires k < 10
func use(k uint64) uint64 {
	return k + 1
}

// Nobody assigns k after the goroutine starts: reading it is no race. (The body is
// verified on its own: it knows nothing of k's value, so it may not call use.)
func spawn(n uint64) {
	k := n
	go func() {
		_ = k + 1
	}()
}
