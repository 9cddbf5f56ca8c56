package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"armada/mailboat/server"
)

// addUser implements "mailboat adduser": it appends a user with a salted PBKDF2 hash of the
// password read from in to the users file.
func addUser(args []string, in io.Reader) error {
	fl := flag.NewFlagSet("adduser", flag.ContinueOnError)
	users := fl.String("users", "", "users file to add to (created if missing)")
	iters := fl.Int("iterations", server.DefaultIterations, "PBKDF2-HMAC-SHA256 iterations")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *users == "" || fl.NArg() != 1 {
		return errors.New("usage: mailboat adduser -users FILE NAME  (password on stdin)")
	}
	if *iters < 1000 {
		return errors.New("-iterations must be at least 1000")
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return errors.New("reading the password from standard input: " + err.Error())
	}
	password := strings.TrimRight(line, "\r\n")
	u, err := server.AddUser(*users, fl.Arg(0), password, *iters)
	if err != nil {
		return err
	}
	fmt.Printf("added %s (mailbox %d) to %s\n", u.Name, u.ID, *users)
	return nil
}
