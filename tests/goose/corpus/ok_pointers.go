package corpus

type Node struct {
	Val  uint64
	Next *Node
}

// new, &T{}, field access through pointers, dereference and nil checks.
func pointers() uint64 {
	n := new(Node)
	n.Val = 3
	m := &Node{Val: 4, Next: n}
	var total uint64
	for p := m; p != nil; p = p.Next {
		total += p.Val
	}
	c := *m
	c.Val = 10
	*n = c
	return total + n.Val + m.Val
}

func counter() *uint64 {
	p := new(uint64)
	*p = *p + 1
	return p
}
