package corpus

// Type aliases are their target type: values of the alias and of the target mix freely.

type Block = []byte

type AddrSet = map[uint64]struct{}

type Inode struct {
	Addrs AddrSet
	Data  Block
}

type InodeAlias = Inode

func NewInode() *InodeAlias {
	return &Inode{Addrs: make(AddrSet), Data: make([]byte, 8)}
}

func Mark(s AddrSet, a uint64) {
	s[a] = struct{}{}
}

func Has(s map[uint64]struct{}, a uint64) bool {
	_, ok := s[a]
	return ok
}

func FirstByte(b Block) byte {
	var raw []byte = b
	return raw[0]
}
