// Package mapstructregistrywrong is a verifier test: the value of another key, a deleted
// key's old value, and a field of the wrong record are caught.
//
// EXPECT fail postcondition at line 19
// EXPECT fail postcondition at line 27
package mapstructregistrywrong

// Rec is one registered record.
type Rec struct {
	Name string
	N    uint64
}

//@ ensures ret == 7
func other() uint64 {
	m := make(map[uint64]Rec)
	m[1] = Rec{Name: "a", N: 7}
	m[2] = Rec{Name: "b", N: 9}
	return m[2].N
}

//@ ensures ret == 7
func deleted() uint64 {
	m := make(map[uint64]Rec)
	m[1] = Rec{Name: "a", N: 7}
	delete(m, 1)
	return m[1].N
}
