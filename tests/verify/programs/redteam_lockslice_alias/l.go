// Package rtlockslicealias is a verifier test: a struct built with a slice of locks takes
// the slice from its builder, also when the builder names it by another route (a field of
// another struct). build panics in Go (the lock it takes is nil); it was proved.
//
// EXPECT fail race at line 27
package rtlockslicealias

import "sync"

type Holder struct {
	locks []*sync.Mutex
}

type T struct {
	locks []*sync.Mutex //@ lock_inv(i) i < 4 ==> true
}

func build() {
	ls := make([]*sync.Mutex, 4)
	for i := uint64(0); i < 4; i++ {
		//@ invariant i <= 4 && uint64(len(ls)) == 4 && (forall j uint64 :: j < i ==> ls[j] != nil)
		ls[i] = new(sync.Mutex)
	}
	h := &Holder{locks: ls}
	t := &T{locks: h.locks}
	_ = t
	ls[0] = nil
	t.locks[0].Lock()
	t.locks[0].Unlock()
}
