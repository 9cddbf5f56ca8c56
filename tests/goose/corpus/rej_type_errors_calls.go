package corpus

func one(x uint64) uint64 {
	return x
}

func calls() {
	one(1, 2) // ERROR wrong number of arguments
	one("a") // ERROR cannot use
	nothing() // ERROR undefined
	a, b := one(3) // ERROR assignment mismatch
	x := uint64(3)
	x := 4 // ERROR no new variables
}
