package server

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// withMail starts a server and delivers bodies to alice and one message to bob.
func withMail(t *testing.T, bodies ...string) *testServer {
	ts := startServer(t, Config{IdleTimeout: 2 * time.Second, POP3Idle: 2 * time.Second})
	for _, b := range bodies {
		ts.mb.Deliver(ts.users.Lookup("alice").ID, []byte(b))
	}
	ts.mb.Deliver(ts.users.Lookup("bob").ID, []byte("Subject: bob's secret\r\n\r\nfor bob only\r\n"))
	return ts
}

func TestPOP3Authorization(t *testing.T) {
	ts := withMail(t)
	cases := []struct {
		name  string
		steps [][2]string
	}{
		// A case that logs in ends with QUIT: the server unlocks the maildrop before its
		// reply, while a dropped connection unlocks it whenever the server sees the close,
		// which may be after the next case has logged in.
		{"good", [][2]string{{"USER alice", "+OK"}, {"PASS apw", "+OK"}, {"QUIT", "+OK"}}},
		{"wrong password", [][2]string{{"USER alice", "+OK"}, {"PASS bpw", "-ERR"}, {"STAT", "-ERR"}}},
		{"password with a space", [][2]string{{"USER alice", "+OK"}, {"PASS apw ", "-ERR"}}},
		{"lower-case pass", [][2]string{{"user alice", "+OK"}, {"pass apw", "+OK"}, {"quit", "+OK"}}},
		{"unknown user", [][2]string{{"USER zed", "+OK"}, {"PASS apw", "-ERR"}}},
		{"pass first", [][2]string{{"PASS apw", "-ERR"}}},
		{"path in name", [][2]string{{"USER ../user1", "-ERR"}, {"PASS apw", "-ERR"}}},
		{"transaction before login", [][2]string{{"STAT", "-ERR"}, {"RETR 1", "-ERR"}, {"DELE 1", "-ERR"}, {"NOOP", "-ERR"}}},
		{"capa", [][2]string{{"CAPA", "+OK"}}},
		{"overlong", [][2]string{{"USER " + strings.Repeat("a", 300), "-ERR"}, {"USER alice", "+OK"}}},
		{"quit", [][2]string{{"QUIT", "+OK"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := dial(t, ts.pop3)
			for _, s := range c.steps {
				got := cl.pop(s[0])
				if !strings.HasPrefix(got, s[1]) {
					t.Fatalf("%.30q: got %q, want %s", s[0], got, s[1])
				}
				if s[0] == "CAPA" {
					if caps := strings.Join(cl.multi(), ","); !strings.Contains(caps, "UIDL") || !strings.Contains(caps, "TOP") {
						t.Fatalf("CAPA: %s", caps)
					}
				}
			}
		})
	}
	t.Run("three wrong passwords close", func(t *testing.T) {
		cl := dial(t, ts.pop3)
		for i := 0; i < 3; i++ {
			cl.pop("USER alice")
			cl.pop("PASS wrong")
		}
		if !cl.closed() {
			t.Fatal("session still open after three failed logins")
		}
	})
}

func TestPOP3Transaction(t *testing.T) {
	m1 := "Subject: one\r\n\r\nbody one\r\n.starts with a dot\r\n"
	m2 := "Subject: two\r\nX: y\r\n\r\nl1\r\nl2\r\nl3\r\n"
	ts := withMail(t, m1, m2)
	cl, rep := login(t, ts.pop3, "alice", "apw")
	if rep != "+OK maildrop locked and ready, 2 messages" {
		t.Fatalf("PASS: %q", rep)
	}
	if got := cl.pop("STAT"); got != "+OK 2 "+itoa(len(m1)+len(m2)) {
		t.Fatalf("STAT: %q", got)
	}
	cl.pop("LIST")
	list := cl.multi()
	if len(list) != 2 || !strings.HasPrefix(list[0], "1 ") || !strings.HasPrefix(list[1], "2 ") {
		t.Fatalf("LIST: %q", list)
	}
	cl.pop("UIDL")
	uidl := cl.multi()
	if len(uidl) != 2 || !strings.HasPrefix(strings.Fields(uidl[0])[1], "msg") {
		t.Fatalf("UIDL: %q", uidl)
	}
	// Find which number is m1: numbering follows Pickup's order.
	n1, n2 := "1", "2"
	if strings.Fields(list[0])[1] != itoa(len(m1)) {
		n1, n2 = "2", "1"
	}
	if got := cl.pop("RETR " + n1); !strings.HasPrefix(got, "+OK") {
		t.Fatalf("RETR: %q", got)
	}
	if body := strings.Join(cl.multi(), "\r\n") + "\r\n"; body != m1 {
		t.Fatalf("RETR body %q, want %q", body, m1)
	}
	cl.pop("TOP " + n2 + " 1")
	if top := strings.Join(cl.multi(), "|"); top != "Subject: two|X: y||l1" {
		t.Fatalf("TOP: %q", top)
	}
	errs := []string{"RETR 0", "RETR 3", "RETR -1", "RETR x", "RETR 99999999999999999999", "LIST 0", "DELE 3", "TOP 1", "TOP 1 x", "STAT 1", "FOO"}
	for _, cmd := range errs {
		if got := cl.pop(cmd); !strings.HasPrefix(got, "-ERR") {
			t.Errorf("%s: %q, want -ERR", cmd, got)
		}
	}
	steps := [][2]string{
		{"DELE " + n1, "+OK"}, {"DELE " + n1, "-ERR"}, {"RETR " + n1, "-ERR"}, {"LIST " + n1, "-ERR"},
		{"STAT", "+OK 1 " + itoa(len(m2))}, {"RSET", "+OK"}, {"STAT", "+OK 2"}, {"DELE " + n1, "+OK"}, {"NOOP", "+OK"},
	}
	for _, s := range steps {
		if got := cl.pop(s[0]); !strings.HasPrefix(got, s[1]) {
			t.Fatalf("%s: %q, want %s", s[0], got, s[1])
		}
	}
	if n := len(ts.mailbox2(t, "alice")); n != 2 {
		t.Fatalf("DELE removed a message before QUIT: %d left", n)
	}
	if got := cl.pop("QUIT"); got != "+OK bye" {
		t.Fatalf("QUIT: %q", got)
	}
	if box := ts.mailbox("alice"); len(box) != 1 || box[0] != m2 {
		t.Fatalf("after QUIT: %q", box)
	}
	if box := ts.mailbox("bob"); len(box) != 1 {
		t.Fatalf("bob's mail touched: %q", box)
	}
}

// mailbox2 counts the files of name's mailbox without taking the lock (a session holds it).
func (ts *testServer) mailbox2(t *testing.T, name string) []string {
	return ts.fs.List("user" + itoa(int(ts.users.Lookup(name).ID)))
}

func TestPOP3DisconnectDeletesNothing(t *testing.T) {
	ts := withMail(t, "a\r\n", "b\r\n")
	cl, _ := login(t, ts.pop3, "alice", "apw")
	cl.pop("DELE 1")
	cl.pop("DELE 2")
	cl.c.Close()
	cl2 := loginEventually(t, ts, "alice", "apw")
	if got := cl2.pop("STAT"); !strings.HasPrefix(got, "+OK 2 ") {
		t.Fatalf("after a dropped session: %q", got)
	}
}

func TestPOP3MaildropLock(t *testing.T) {
	ts := withMail(t, "a\r\n")
	first, rep := login(t, ts.pop3, "alice", "apw")
	if !strings.HasPrefix(rep, "+OK") {
		t.Fatal(rep)
	}
	start := time.Now()
	_, rep = login(t, ts.pop3, "alice", "apw")
	if !strings.HasPrefix(rep, "-ERR [IN-USE]") || time.Since(start) > 2*time.Second {
		t.Fatalf("second login: %q after %v", rep, time.Since(start))
	}
	if _, rep := login(t, ts.pop3, "bob", "bpw"); !strings.HasPrefix(rep, "+OK") {
		t.Fatalf("bob blocked by alice's session: %q", rep)
	}
	// Delivery goes on while the maildrop is locked.
	if rep := sendMail(t, ts.smtp, []string{"alice"}, "new\r\n"); !strings.HasPrefix(rep, "250") {
		t.Fatalf("delivery to a locked maildrop: %s", rep)
	}
	first.pop("QUIT")
	cl, rep := login(t, ts.pop3, "alice", "apw")
	if !strings.HasPrefix(rep, "+OK") {
		t.Fatalf("login after QUIT: %q", rep)
	}
	if got := cl.pop("STAT"); !strings.HasPrefix(got, "+OK 2 ") {
		t.Fatalf("STAT: %q", got)
	}
}

func TestPOP3Isolation(t *testing.T) {
	ts := withMail(t, "alice's\r\n")
	cl, _ := login(t, ts.pop3, "carol", "cpw")
	if got := cl.pop("STAT"); got != "+OK 0 0" {
		t.Fatalf("carol sees %q", got)
	}
	for _, cmd := range []string{"RETR 1", "DELE 1", "TOP 1 0", "UIDL 1"} {
		if got := cl.pop(cmd); !strings.HasPrefix(got, "-ERR") {
			t.Errorf("carol %s: %q", cmd, got)
		}
	}
	cl.pop("QUIT")
	if len(ts.mailbox("alice")) != 1 || len(ts.mailbox("bob")) != 1 {
		t.Fatal("carol's session changed other mailboxes")
	}
}

func TestPOP3IdleTimeout(t *testing.T) {
	ts := startServer(t, Config{POP3Idle: 200 * time.Millisecond})
	cl, _ := login(t, ts.pop3, "alice", "apw")
	if got := cl.line(); !strings.HasPrefix(got, "-ERR") {
		t.Fatalf("idle session got %q", got)
	}
	loginEventually(t, ts, "alice", "apw")
}

// loginEventually logs in, retrying for a few seconds while the maildrop is still locked
// by a session that is ending.
func loginEventually(t *testing.T, ts *testServer, user, pass string) *client {
	deadline := time.Now().Add(5 * time.Second)
	for {
		cl, rep := login(t, ts.pop3, user, pass)
		if strings.HasPrefix(rep, "+OK") {
			return cl
		}
		if time.Now().After(deadline) {
			t.Fatalf("maildrop still locked after the session ended: %q", rep)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPOP3Garbage(t *testing.T) {
	ts := withMail(t, "x\r\n")
	cl := dial(t, ts.pop3)
	cl.send(strings.Repeat("\x00\xff\x1b[31m garbage\r\n", 30))
	if !cl.closed() {
		t.Fatal("session survived 30 bad commands")
	}
	if _, rep := login(t, ts.pop3, "alice", "apw"); !strings.HasPrefix(rep, "+OK") {
		t.Fatalf("server unusable after garbage: %q", rep)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
