package main

type Node struct {
	val  uint64
	next *Node
}

func Run() (uint64, uint64, bool) {
	var head *Node
	for i := uint64(1); i <= 4; i++ {
		head = &Node{val: i, next: head}
	}
	sum := uint64(0)
	n := uint64(0)
	for p := head; p != nil; p = p.next {
		sum += p.val
		n++
	}
	pp := new(uint64)
	return sum, n, *pp == 0
}
