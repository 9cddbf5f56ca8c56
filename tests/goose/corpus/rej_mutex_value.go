package corpus

import "sync"

type Locked struct {
	mu sync.Mutex
}

func (l *Locked) Do() {
	l.mu.Lock() // ERROR goose/mutex-value
}
