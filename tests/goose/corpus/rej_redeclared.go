package corpus

// One package-level name, one meaning (constants used to overwrite each other silently).
const Dup = 1

const Dup = 2 // ERROR `Dup` redeclared

func clash() uint64 {
	return 1
}

const clash = 3 // ERROR `clash` redeclared

type Shape2 struct {
	n uint64
}

const Shape2 = 4 // ERROR redeclared in this package

func (s *Shape2) N() uint64 {
	return s.n
}

func (s *Shape2) N() uint64 { // ERROR `Shape2.N` redeclared
	return 0
}

type Maker struct {
	n uint64
}

func Maker() uint64 { // ERROR `Maker` redeclared
	return 0
}
