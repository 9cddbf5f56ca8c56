package bytesutf8lenunsound

import "testing"

func TestGo(t *testing.T) { t.Log(lenBytes(), lenStr(), idx()) }
