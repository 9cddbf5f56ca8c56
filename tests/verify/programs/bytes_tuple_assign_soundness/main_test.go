package bytestupleassignunsound

import "testing"

func TestGo(t *testing.T) { t.Log(swap()[0], twoWrites()[0]) }
