package corpus

import (
	"fmt" // ERROR goose/import
	"os"  // ERROR import "os"
	"sync"
	m "sync" // ERROR renamed import
)

func ok() {
	mu := new(sync.Mutex)
	mu.Lock()
	mu.Unlock()
}
