// Package methods pins method calls: pointer and value receivers called on pointers and
// values (automatic & and *), through struct fields, slice elements and map lookups
// (Goose once mistranslated a call through a map lookup), and chained calls.
package methods

import "sync"

type Account struct {
	mu  *sync.Mutex
	bal uint64
}

func (a *Account) Deposit(x uint64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.bal += x
}

func (a Account) Balance() uint64 {
	return a.bal
}

func (a *Account) Self() *Account {
	return a
}

type Bank struct {
	main  *Account
	byID  map[uint64]*Account
	byVal map[uint64]Account
	list  []*Account
}

func NewBank() *Bank {
	acc := &Account{mu: new(sync.Mutex), bal: 0}
	return &Bank{main: acc, byID: make(map[uint64]*Account), byVal: make(map[uint64]Account), list: nil}
}

func (b *Bank) Total() uint64 {
	t := b.main.Balance()
	for _, a := range b.list {
		t += a.Balance()
	}
	return t
}

func (b *Bank) Calls(id uint64) uint64 {
	b.main.Deposit(1)
	b.byID[id].Deposit(2)
	b.list[0].Self().Deposit(3)
	v := b.byVal[id].Balance()
	w := (*b.main).Balance()
	return v + w + b.byID[id].Balance()
}
