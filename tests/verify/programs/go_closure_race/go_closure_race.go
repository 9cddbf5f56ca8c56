// Package goclosurerace is a verifier test: go closure race.
//
// EXPECT fail race at line 10
package goclosurerace

// The goroutine writes a variable it shares with its parent.
func spawn() uint64 {
	x := uint64(0)
	go func() {
		x = 1
	}()
	return x
}
