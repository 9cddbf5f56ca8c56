// Command mailboat runs the Mailboat mail server and manages its users file.
//
//	mailboat serve -root DIR -users FILE [-smtp 127.0.0.1:2525] [-pop3 127.0.0.1:1100]
//	               [-durable] [-recover] [-hostname NAME] [-domain NAME]
//	mailboat adduser -users FILE NAME    (reads the password from the first line of stdin)
//	mailboat deluser -users FILE -root DIR NAME
package main

import (
	"fmt"
	"os"
)

const usage = `usage:
  mailboat serve -root DIR -users FILE [-smtp ADDR] [-pop3 ADDR] [-durable] [-recover]
  mailboat adduser -users FILE NAME   (the password is the first line of standard input)
  mailboat deluser -users FILE -root DIR NAME   (with the server stopped)
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(os.Args[2:])
	case "adduser":
		err = addUser(os.Args[2:], os.Stdin)
	case "deluser":
		err = delUser(os.Args[2:])
	case "-h", "-help", "--help", "help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mailboat:", err)
		os.Exit(1)
	}
}
