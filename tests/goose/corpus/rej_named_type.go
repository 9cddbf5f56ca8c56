package corpus

// Named non-struct types are distinct from their underlying type (as in Go), may have
// methods, and must be over an integer, string, slice or map type.

type Addr uint64

type Flag bool // ERROR goose/named-type

type Ptr *Addr // ERROR named type `Ptr`

type Loop Loop2

type Loop2 Loop // ERROR invalid recursive type

func (a Addr) Next() Addr {
	return a + 1
}

func Mix(a Addr, n uint64) uint64 {
	var b Addr = n  // ERROR cannot use
	c := a + n      // ERROR mismatched types
	_ = a.Next()
	return uint64(b) + uint64(c)
}

func Overflow() Addr {
	var x Addr = 1 << 64 // ERROR overflows
	return x
}
