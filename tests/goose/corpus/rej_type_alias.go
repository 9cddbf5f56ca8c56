package corpus

type Block = []byte // ERROR goose/type-alias
