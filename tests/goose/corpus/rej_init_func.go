package corpus

func init() { // ERROR goose/init-func
}
