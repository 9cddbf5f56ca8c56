package main

func tag(log *string, t string) string {
	*log = *log + t
	return t
}

func Run() (string, string) {
	log := new(string)
	s := tag(log, "a") + tag(log, "b") + tag(log, "c")
	ok := tag(log, "x") == "y" && tag(log, "z") == "z"
	if !ok {
		s = s + "!"
	}
	return s, *log
}
