package main

import (
	"errors"
	"flag"
	"fmt"

	"armada/mailboat/server"
)

// delUser implements "mailboat deluser": it removes a user from the users file, moves their
// mailbox to <root>/deleted/ and retires its number, which no later user gets. The server
// must be stopped (it holds the mail root's lock): it reads the users file only at start.
func delUser(args []string) error {
	fl := flag.NewFlagSet("deluser", flag.ContinueOnError)
	users := fl.String("users", "", "users file to remove the user from")
	root := fl.String("root", "", "mail root of the server (which must be stopped)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *users == "" || *root == "" || fl.NArg() != 1 {
		return errors.New("usage: mailboat deluser -users FILE -root DIR NAME")
	}
	unlock, err := lockRoot(*root)
	if err != nil {
		return fmt.Errorf("%v: stop the server first", err)
	}
	defer unlock()
	u, err := server.DelUser(*users, fl.Arg(0))
	if err != nil {
		return err
	}
	dest, err := archiveMailbox(*root, u)
	if err != nil {
		return fmt.Errorf("removed %s from %s, but archiving mailbox %d failed: %v", u.Name, *users, u.ID, err)
	}
	if dest == "" {
		dest = "(no mailbox directory)"
	}
	fmt.Printf("removed %s (mailbox %d, never reused) from %s; mail kept in %s\n", u.Name, u.ID, *users, dest)
	return nil
}
