// Package progressskippast is a verifier test: `i != n` with a step of 2 can jump past n
// (from an odd start to an even n), and the counter then wraps round for ever; no measure
// from the condition goes down, so the verifier warns.
//
// EXPECT warning progress at line 11
package progressskippast

//@ ensures true
func skip(i uint64, n uint64) uint64 {
	var steps uint64
	for i != n {
		i += 2
		steps++
	}
	return steps
}
