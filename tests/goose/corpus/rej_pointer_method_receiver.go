package corpus

import "sync"

func (m *sync.Mutex) Twice() { // ERROR goose/pointer-method-receiver
}
