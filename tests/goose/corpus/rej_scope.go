package corpus

// Parameters live in the function body's own block (Go's rule): redeclaring one there is an
// error, not a shadowing variable (the front end once accepted these as new variables).
func paramShadow(x uint64) uint64 {
	x := uint64(2) // ERROR no new variables
	return x
}

func varRedeclared() uint64 {
	var y uint64
	var y uint64 // ERROR `y` redeclared in this block
	return y
}

func goParam() {
	go func(k uint64) {
		k := uint64(1) // ERROR no new variables
		_ = k
	}(3)
}

type Rcv struct {
	n uint64
}

func (r *Rcv) Twice(r uint64) uint64 { // ERROR `r` redeclared
	return r
}

func dupParams(a uint64, a bool) { // ERROR `a` redeclared
}
