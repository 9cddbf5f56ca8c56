package corpus

import (
	. "sync" // ERROR goose/dot-import
	_ "armada/goose/machine/disk" // ERROR goose/dot-import
)

func nothing() {
}
