package corpus

type Base struct {
	id uint64
}

type Derived struct {
	Base // ERROR goose/embedded-field
	name string
}
