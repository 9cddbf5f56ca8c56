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

// Values that are not calls of functions cannot be statements, and copy needs matching
// element types (the front end once accepted all four).
func unusedValues(s []uint64, b []byte, x uint32) {
	append(s, 1) // ERROR is not used
	len(s) // ERROR is not used
	uint64(x) // ERROR is not used
	copy(s, b) // ERROR same element type
	copy(b, "ok")
	one(2)
}
