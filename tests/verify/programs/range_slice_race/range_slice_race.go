// Package rangeslicerace is a verifier test: range slice race.
//
// EXPECT fail race at line 7
package rangeslicerace

func first(s []uint64) uint64 {
	for _, x := range s {
		return x
	}
	return 0
}
