// Package slstructentrieswrong is a verifier test: reading past a slice of structs, a
// postcondition about the wrong element's field, and marking the wrong element are caught.
//
// EXPECT fail safety at line 18
// EXPECT fail postcondition at line 26
// EXPECT fail postcondition at line 35
package slstructentrieswrong

// Entry is one record: an ID, a size and a deleted mark.
type Entry struct {
	ID   string
	Size uint64
	gone bool
}

func third() uint64 {
	es := []Entry{Entry{ID: "a", Size: 10}, Entry{ID: "b", Size: 20}}
	return es[2].Size
}

//@ ensures len(ret) == 2 && ret[0].Size == 20
func two() []Entry {
	es := make([]Entry, 0)
	es = append(es, Entry{ID: "a", Size: 10})
	es = append(es, Entry{ID: "b", Size: 20})
	return es
}

//@ requires i + 1 < len(es) && (forall j uint64 :: j < len(es) ==> acc(es[j]))
//@ ensures es[i].gone
func mark(es []Entry, i uint64) {
	e := es[i+1]
	e.gone = true
	es[i+1] = e
}
