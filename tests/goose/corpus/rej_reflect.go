package corpus

import (
	"reflect" // ERROR goose/reflect
)

func kind() uint64 {
	return 0
}
