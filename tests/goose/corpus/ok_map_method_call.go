package corpus

// Calls through a map lookup (a historical Goose mistranslation): value receivers on map
// values, pointer receivers on map values that are pointers.
type Acct struct {
	bal uint64
}

func (a Acct) Balance() uint64 {
	return a.bal
}

func (a *Acct) Deposit(x uint64) {
	a.bal += x
}

func mapCalls(byID map[uint64]Acct, ptrs map[uint64]*Acct) uint64 {
	ptrs[1].Deposit(5)
	return byID[1].Balance() + ptrs[1].Balance()
}
