package corpus

import "unsafe" // ERROR goose/unsafe

func size() uint64 {
	return 8
}
