package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"armada/goose/machine/filesys"
	"armada/mailboat"
	"armada/mailboat/server"
)

// serve implements "mailboat serve": it opens the mail root, optionally recovers, and
// serves SMTP and POP3 on loopback addresses until SIGINT or SIGTERM.
func serve(args []string) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	root := fl.String("root", "", "mail root directory (created if missing)")
	users := fl.String("users", "", "users file (see mailboat adduser)")
	smtpAddr := fl.String("smtp", "127.0.0.1:2525", "SMTP listen address (loopback only; port 0 picks one)")
	pop3Addr := fl.String("pop3", "127.0.0.1:1100", "POP3 listen address (loopback only; port 0 picks one)")
	durable := fl.Bool("durable", false, "fsync each delivery and deletion so it survives a host crash")
	// Init always recovers (empties the spool); the flag is accepted for old scripts.
	_ = fl.Bool("recover", false, "accepted and ignored: start-up always empties the spool")
	hostname := fl.String("hostname", "localhost", "host name in greetings and trace headers")
	domain := fl.String("domain", "localhost", "mail domain of the users")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *root == "" || *users == "" || fl.NArg() != 0 {
		return errors.New("serve needs -root DIR and -users FILE")
	}
	for _, a := range []string{*smtpAddr, *pop3Addr} {
		if err := checkLoopback(a); err != nil {
			return err
		}
	}
	us, err := server.LoadUsers(*users)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*root, 0o700); err != nil {
		return err
	}
	unlock, err := lockRoot(*root)
	if err != nil {
		return err
	}
	defer unlock()
	if err := claimMailboxes(*root, us); err != nil {
		return err
	}
	fs, err := filesys.NewOSFS(*root)
	if err != nil {
		return err
	}
	filesys.Use(fs)
	mb := mailboat.Init(us.Mailboxes(), *durable)
	sl, err := net.Listen("tcp", *smtpAddr)
	if err != nil {
		return err
	}
	pl, err := net.Listen("tcp", *pop3Addr)
	if err != nil {
		sl.Close()
		return err
	}
	srv := server.New(mb, us, server.Config{Hostname: *hostname, Domain: *domain})
	errc := make(chan error, 2)
	go func() { errc <- srv.ServeSMTP(sl) }()
	go func() { errc <- srv.ServePOP3(pl) }()
	// Catch the signals before announcing the ports: whoever waits for that line may stop
	// the server at once, and a SIGTERM before Notify would kill it without a clean exit.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	fmt.Printf("mailboat: smtp=%s pop3=%s root=%s durable=%v\n", sl.Addr(), pl.Addr(), *root, *durable)
	select {
	case <-sig:
		err = nil
	case err = <-errc:
	}
	srv.Close()
	return err
}

// lockRoot takes an exclusive flock on root/.lock for as long as the server runs: the
// library's locks and mailbox index live in memory, so two servers must never share a mail
// root (and -recover would delete the other one's deliveries in progress).
func lockRoot(root string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(root, ".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("mail root %s is in use by another mailboat server (%v)", root, err)
	}
	return func() { f.Close() }, nil
}

// checkLoopback refuses a listen address that is not on a loopback interface: the server
// has no TLS and no relay protection, so it must not face a network.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("listen address %q is not a loopback address (use 127.0.0.1 or ::1)", addr)
}
