package corpus

// A struct containing itself by value has no finite size (Go rejects it; the front end once
// accepted it, and a zero value of it would never end). Through a pointer, slice or map is fine.
type Loop struct {
	next Loop // ERROR invalid recursive type
}

type Ping struct {
	p    Pong // ERROR contains `Pong` by value
	left *Ping
}

type Pong struct {
	p Ping // ERROR invalid recursive type
}

type Holder2 struct {
	loop Loop
	kids []Holder2
	byID map[uint64]Holder2
}

func compareLoops(a Loop, b Loop) bool {
	return a == b && a.next == b.next
}
