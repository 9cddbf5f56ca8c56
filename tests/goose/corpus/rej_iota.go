package corpus

const (
	A uint64 = iota // ERROR goose/iota
	B // ERROR constant without a value
)
