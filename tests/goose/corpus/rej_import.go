package corpus

import (
	"fmt" // ERROR goose/import
	"os"  // ERROR import "os"
	"sync"
	m "strings" // ERROR goose/import
)

import "sync" // ERROR imported twice

func ok() {
	mu := new(sync.Mutex)
	mu.Lock()
	mu.Unlock()
}
