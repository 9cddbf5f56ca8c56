// Package soundnessdecreases is a verifier test: a function's decreases clause is checked
// on its recursive calls (direct and mutual).
//
// EXPECT fail decreases at line 23
// EXPECT fail decreases at line 31
package soundnessdecreases

//@ decreases n
//@ ensures ret == n
func down(n uint64) uint64 {
	if n == 0 {
		return 0
	}
	return down(n-1) + 1
}

//@ decreases n
//@ ensures ret == 0
func spin(n uint64) uint64 {
	if n == 0 {
		return 0
	}
	return spin(n)
}

//@ decreases n
func even(n uint64) bool {
	if n == 0 {
		return true
	}
	return odd(n - 1)
}

func odd(n uint64) bool {
	if n == 0 {
		return false
	}
	return even(n - 1)
}
