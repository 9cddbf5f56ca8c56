package bytesmakelenoutofrange

import "testing"

func TestGo(t *testing.T) {
	defer func() { t.Log(recover()) }()
	mk(1 << 63)
}
