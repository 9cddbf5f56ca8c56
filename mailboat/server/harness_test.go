package server

import (
	"bufio"
	"errors"
	"io"
	"log"
	"net"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"armada/goose/machine/filesys"
	"armada/mailboat"
)

// testServer is a server on loopback ports over a fresh in-memory file system, with the
// users alice (password "apw"), bob ("bpw") and carol ("cpw").
type testServer struct {
	srv        *Server
	mb         *mailboat.Mailboat
	users      *Users
	fs         *filesys.MemFS
	smtp, pop3 string
}

func startServer(t *testing.T, cfg Config) *testServer {
	t.Helper()
	path := filepath.Join(t.TempDir(), "users")
	for _, u := range []string{"alice", "bob", "carol"} {
		if _, err := AddUser(path, u, u[:1]+"pw", 1000); err != nil {
			t.Fatal(err)
		}
	}
	us, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	fs := filesys.NewMemFS()
	filesys.Use(fs)
	mb := mailboat.Init(us.Mailboxes(), true)
	if cfg.Logger == nil {
		cfg.Logger = log.New(io.Discard, "", 0)
	}
	srv := New(mb, us, cfg)
	sl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ServeSMTP(sl)
	go srv.ServePOP3(pl)
	t.Cleanup(srv.Close)
	return &testServer{srv: srv, mb: mb, users: us, fs: fs, smtp: sl.Addr().String(), pop3: pl.Addr().String()}
}

// mailbox returns the contents of name's mailbox, taking and releasing the lock.
func (ts *testServer) mailbox(name string) []string {
	id := ts.users.Lookup(name).ID
	var out []string
	for _, m := range ts.mb.Pickup(id) {
		out = append(out, m.Contents)
	}
	ts.mb.Unlock(id)
	return out
}

// client is a line-oriented test client with a deadline on every read.
type client struct {
	t *testing.T
	c net.Conn
	r *bufio.Reader
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	cl := &client{t: t, c: c, r: bufio.NewReader(c)}
	cl.line() // greeting
	return cl
}

func (cl *client) send(s string) {
	cl.t.Helper()
	cl.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(cl.c, s); err != nil {
		cl.t.Fatalf("send %.40q: %v", s, err)
	}
}

// line reads one reply line without its CRLF; "" and EOF mean the server hung up.
func (cl *client) line() string {
	cl.t.Helper()
	cl.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	s, err := cl.r.ReadString('\n')
	if err != nil && err != io.EOF {
		cl.t.Fatalf("read: %v (got %q)", err, s)
	}
	return strings.TrimRight(s, "\r\n")
}

// smtp sends a command and returns its whole (possibly multi-line) reply.
func (cl *client) smtp(cmd string) string {
	cl.t.Helper()
	cl.send(cmd + "\r\n")
	return cl.smtpReply()
}

func (cl *client) smtpReply() string {
	cl.t.Helper()
	var lines []string
	for {
		l := cl.line()
		lines = append(lines, l)
		if len(l) < 4 || l[3] != '-' {
			return strings.Join(lines, "\n")
		}
	}
}

// pop sends a command and returns its status line.
func (cl *client) pop(cmd string) string {
	cl.t.Helper()
	cl.send(cmd + "\r\n")
	return cl.line()
}

// multi reads the lines of a multi-line POP3 response up to ".", undoing byte-stuffing.
func (cl *client) multi() []string {
	cl.t.Helper()
	var lines []string
	for {
		l := cl.line()
		if l == "." {
			return lines
		}
		lines = append(lines, strings.TrimPrefix(l, "."))
	}
}

// closed reads what the server still sends and reports whether it then closed the
// connection (an end of file, or a reset if it closed with our input unread).
func (cl *client) closed() bool {
	cl.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := io.ReadAll(cl.r)
	return err == nil || errors.Is(err, syscall.ECONNRESET)
}

// sendMail delivers body from a fresh SMTP session and returns the final reply.
func sendMail(t *testing.T, addr string, to []string, body string) string {
	t.Helper()
	cl := dial(t, addr)
	cl.smtp("EHLO test")
	cl.smtp("MAIL FROM:<sender@example.org>")
	for _, r := range to {
		if rep := cl.smtp("RCPT TO:<" + r + ">"); !strings.HasPrefix(rep, "250") {
			t.Fatalf("RCPT %s: %s", r, rep)
		}
	}
	cl.smtp("DATA")
	cl.send(body + ".\r\n")
	rep := cl.smtpReply()
	cl.smtp("QUIT")
	return rep
}

func login(t *testing.T, addr, user, pass string) (*client, string) {
	cl := dial(t, addr)
	cl.pop("USER " + user)
	return cl, cl.pop("PASS " + pass)
}
