package corpus

func recv(c chan uint64) { // ERROR goose/channel
	<-c // ERROR goose/receive
}
