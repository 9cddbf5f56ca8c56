package corpus

// Recursion and mutual recursion.
func fib(n uint64) uint64 {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func isEven(n uint64) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n uint64) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}
