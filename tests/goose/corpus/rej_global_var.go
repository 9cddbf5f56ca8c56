package corpus

var counter uint64 // ERROR goose/global-var

var ( // ERROR package-level
	a uint64
	b bool
)

func get() uint64 {
	return 0
}
