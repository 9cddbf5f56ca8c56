package corpus

type Addr uint64 // ERROR goose/named-type

type Blocks []byte // ERROR named type `Blocks`
