package bytescopyinexprunsound

import "testing"

func TestGo(t *testing.T) {
	s := []byte{9, 8, 7}
	t.Log(rhsCopy(s)[1], idxCopy(s)[1], appendCopy(s)[1])
}
