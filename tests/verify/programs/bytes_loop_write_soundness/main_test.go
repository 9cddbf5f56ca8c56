package bytesloopwriteunsound

import "testing"

func TestGo(t *testing.T) {
	t.Log(loopWrite()[0], loopPut()[0], loopCopy([]byte{7})[0])
}
