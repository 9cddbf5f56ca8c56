package server

// Regression tests for the holes of issue 15, each through raw sockets on loopback.

import (
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"armada/goose/machine/filesys"
	"armada/mailboat"
)

// SMTP smuggling: only <CRLF>.<CRLF> ends DATA. Each body hides a second transaction
// behind a "." line with a bare LF; none may be delivered, and the first is refused whole.
func TestSMTPSmuggling(t *testing.T) {
	ts := startServer(t, Config{})
	ends := []string{"\n.\n", "\r\n.\n", "\n.\r\n", "\r\n.\r\r\n", "\r.\r\n"}
	for _, end := range ends {
		cl := dial(t, ts.smtp)
		cl.smtp("EHLO test")
		cl.smtp("MAIL FROM:<a@example.org>")
		cl.smtp("RCPT TO:<alice>")
		cl.smtp("DATA")
		cl.send("Subject: innocent\r\n\r\nhello" + end +
			"MAIL FROM:<ceo@bank.example>\r\nRCPT TO:<bob>\r\nDATA\r\nSubject: forged\r\n\r\npay\r\n.\r\n")
		rep := cl.smtpReply()
		if !strings.HasPrefix(rep, "554") {
			t.Errorf("end %q: reply %q, want 554 (bare CR/LF refused)", end, rep)
		}
		// The session is still in step: the next command gets its own reply.
		if rep := cl.smtp("NOOP"); !strings.HasPrefix(rep, "250") {
			t.Errorf("end %q: NOOP after DATA got %q (the smuggled commands were run?)", end, rep)
		}
		cl.smtp("QUIT")
	}
	if got := ts.mailbox("bob"); len(got) != 0 {
		t.Errorf("bob got %d smuggled messages: %.80q", len(got), got)
	}
	if got := ts.mailbox("alice"); len(got) != 0 {
		t.Errorf("alice got %d messages with bare line ends", len(got))
	}
	// A clean message still goes through, with a "." line inside it (dot-stuffed).
	if rep := sendMail(t, ts.smtp, []string{"alice"}, "Subject: ok\r\n\r\n..\r\nend\r\n"); !strings.HasPrefix(rep, "250") {
		t.Fatalf("clean message: %s", rep)
	}
	if got := ts.mailbox("alice"); len(got) != 1 || !strings.HasSuffix(got[0], "\r\n.\r\nend\r\n") {
		t.Errorf("clean message stored as %q", got)
	}
}

// dialFrom connects to addr from the loopback address local (127.0.0.x) and returns the
// connection and the first line the server sends.
func dialFrom(t *testing.T, local, addr string) (net.Conn, string) {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 200)
	n, _ := c.Read(buf)
	return c, string(buf[:n])
}

// One address's slow clients cannot take every connection: it gets MaxPerAddress, the
// last Reserved slots go only to addresses with no connection, and others still get in.
func TestPerAddressLimits(t *testing.T) {
	ts := startServer(t, Config{MaxConnections: 6, MaxPerAddress: 3, Reserved: 2})
	for _, proto := range []string{ts.smtp, ts.pop3} {
		for i := 0; i < 3; i++ { // three idle clients from 127.0.0.2
			if _, greet := dialFrom(t, "127.0.0.2", proto); greet == "" || greet[0] == '4' || greet[0] == '-' {
				t.Fatalf("client %d from 127.0.0.2 refused: %q", i, greet)
			}
		}
		if _, greet := dialFrom(t, "127.0.0.2", proto); !strings.HasPrefix(greet, "421") && !strings.HasPrefix(greet, "-ERR") {
			t.Errorf("a fourth client from 127.0.0.2 got %q, want a refusal", greet)
		}
		dialFrom(t, "127.0.0.3", proto) // 4 of 6: 2 left, both reserved
		if _, greet := dialFrom(t, "127.0.0.3", proto); !strings.HasPrefix(greet, "421") && !strings.HasPrefix(greet, "-ERR") {
			t.Errorf("a second client from 127.0.0.3 took a reserved slot: %q", greet)
		}
		for _, ip := range []string{"127.0.0.4", "127.0.0.5"} {
			if _, greet := dialFrom(t, ip, proto); strings.HasPrefix(greet, "421") || strings.HasPrefix(greet, "-ERR") {
				t.Errorf("a first client from %s was refused: %q", ip, greet)
			}
		}
	}
}

// A client that trickles its DATA (a line now and then, each within the idle timeout) is
// cut off when the DATA deadline passes, and nothing is delivered or left in the spool.
func TestDataDeadline(t *testing.T) {
	ts := startServer(t, Config{DataTimeout: 300 * time.Millisecond, IdleTimeout: time.Minute})
	cl := dial(t, ts.smtp)
	cl.smtp("HELO test")
	cl.smtp("MAIL FROM:<a@example.org>")
	cl.smtp("RCPT TO:<alice>")
	cl.smtp("DATA")
	got := ""
	for i := 0; i < 200 && got == ""; i++ { // at most 20 s
		cl.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.WriteString(cl.c, "x\r\n"); err != nil {
			break
		}
		cl.c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		line, _ := cl.r.ReadString('\n')
		got = line
	}
	if !strings.HasPrefix(got, "421") {
		t.Fatalf("trickled DATA got %q, want 421 when the deadline passed", got)
	}
	if !cl.closed() {
		t.Error("the connection stayed open after 421")
	}
	if n := len(ts.mailbox("alice")); n != 0 {
		t.Errorf("%d messages delivered from a timed-out DATA", n)
	}
	if left := ts.fs.List(mailboat.SpoolDir); len(left) != 0 {
		t.Errorf("spool holds %v after the timed-out DATA", left)
	}
}

// failingFS is the host file system with a simulated full disk: when full is set, Append
// fails once the spool file would pass limit bytes, and Link into linkFailDir fails.
type failingFS struct {
	*filesys.OSFS
	mu          sync.Mutex
	limit       int
	written     map[filesys.File]int
	linkFailDir string
}

func (f *failingFS) Append(fd filesys.File, data []byte) {
	f.mu.Lock()
	f.written[fd] += len(data)
	over := f.limit > 0 && f.written[fd] > f.limit
	f.mu.Unlock()
	if over {
		panic("filesys: Append: write: no space left on device (simulated)")
	}
	f.OSFS.Append(fd, data)
}

func (f *failingFS) Link(oldDir, oldName, newDir, newName string) bool {
	f.mu.Lock()
	fail := newDir == f.linkFailDir
	f.mu.Unlock()
	if fail {
		panic("filesys: Link: no space left on device (simulated)")
	}
	return f.OSFS.Link(oldDir, oldName, newDir, newName)
}

// startOSServer is startServer on the host file system under a temporary directory,
// through a failingFS.
func startOSServer(t *testing.T) (*testServer, *failingFS, string) {
	t.Helper()
	root := t.TempDir()
	osfs, err := filesys.NewOSFS(root)
	if err != nil {
		t.Fatal(err)
	}
	ffs := &failingFS{OSFS: osfs, written: map[filesys.File]int{}}
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
	filesys.Use(ffs)
	mb := mailboat.Init(us.Mailboxes(), false)
	srv := New(mb, us, Config{Logger: log.New(io.Discard, "", 0)})
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
	return &testServer{srv: srv, mb: mb, users: us, smtp: sl.Addr().String(), pop3: pl.Addr().String()}, ffs, root
}

func openFDs(t *testing.T) int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatalf("counting open descriptors needs /proc/self/fd (Linux): %v", err)
	}
	return len(ents)
}

// A full disk: each refused delivery (451) closes its spool file and removes it.
func TestFullDiskLeaksNothing(t *testing.T) {
	ts, ffs, root := startOSServer(t)
	ffs.limit = 8 << 10
	// Big messages go through a spool file; small ones straight into the mailbox.
	big := strings.Repeat(strings.Repeat("y", 78)+"\r\n", 2000)  // 160 KB
	small := strings.Repeat(strings.Repeat("s", 78)+"\r\n", 120) // 9.6 KB
	cl := dial(t, ts.smtp)
	cl.smtp("EHLO test")
	before := openFDs(t)
	for i := 0; i < 20; i++ {
		cl.smtp("MAIL FROM:<a@example.org>")
		cl.smtp("RCPT TO:<alice>")
		cl.smtp("DATA")
		if i%2 == 0 {
			cl.send(big + ".\r\n")
		} else {
			cl.send(small + ".\r\n")
		}
		if rep := cl.smtpReply(); !strings.HasPrefix(rep, "451") {
			t.Fatalf("delivery %d on a full disk: %q, want 451", i, rep)
		}
	}
	if after := openFDs(t); after > before {
		t.Errorf("open descriptors went from %d to %d after 20 failed deliveries", before, after)
	}
	if ents, _ := os.ReadDir(filepath.Join(root, mailboat.SpoolDir)); len(ents) != 0 {
		t.Errorf("%d spool files left after failed deliveries", len(ents))
	}
	if ents, _ := os.ReadDir(filepath.Join(root, mailboat.UserDir(ts.users.Lookup("alice").ID))); len(ents) != 0 {
		t.Errorf("%d files left in the mailbox after failed deliveries", len(ents))
	}
	cl.smtp("QUIT")
}

// A multi-recipient message whose delivery fails for one recipient is delivered to none
// (451), so that the sender's retry gives every recipient exactly one copy.
func TestMultiRecipientAllOrNothing(t *testing.T) {
	ts, ffs, root := startOSServer(t)
	ffs.linkFailDir = mailboat.UserDir(ts.users.Lookup("carol").ID)
	body := "Subject: to three\r\n\r\nhi\r\n"
	if rep := sendMail(t, ts.smtp, []string{"alice", "bob", "carol"}, body); !strings.HasPrefix(rep, "451") {
		t.Fatalf("delivery with carol's mailbox failing: %q, want 451", rep)
	}
	for _, u := range []string{"alice", "bob", "carol"} {
		if n := len(ts.mailbox(u)); n != 0 {
			t.Errorf("%s has %d copies after the 451", u, n)
		}
	}
	ffs.mu.Lock()
	ffs.linkFailDir = ""
	ffs.mu.Unlock()
	if rep := sendMail(t, ts.smtp, []string{"alice", "bob", "carol"}, body); !strings.HasPrefix(rep, "250") {
		t.Fatalf("retry: %q", rep)
	}
	for _, u := range []string{"alice", "bob", "carol"} {
		if got := ts.mailbox(u); len(got) != 1 {
			t.Errorf("%s has %d copies after the retry, want 1", u, len(got))
		}
		ents, _ := os.ReadDir(filepath.Join(root, mailboat.UserDir(ts.users.Lookup(u).ID)))
		if len(ents) != 1 {
			t.Errorf("%s's mailbox directory has %d files, want 1", u, len(ents))
		}
	}
	if ents, _ := os.ReadDir(filepath.Join(root, mailboat.SpoolDir)); len(ents) != 0 {
		t.Errorf("%d spool files left", len(ents))
	}
}

// POP3 lists a mailbox in arrival order.
func TestPOP3ArrivalOrder(t *testing.T) {
	ts := startServer(t, Config{})
	const n = 12
	for i := 0; i < n; i++ {
		if rep := sendMail(t, ts.smtp, []string{"alice"}, fmt.Sprintf("Subject: number %d\r\n\r\nbody\r\n", i)); !strings.HasPrefix(rep, "250") {
			t.Fatal(rep)
		}
	}
	cl, rep := login(t, ts.pop3, "alice", "apw")
	if !strings.HasPrefix(rep, "+OK") {
		t.Fatal(rep)
	}
	for i := 1; i <= n; i++ {
		cl.pop(fmt.Sprintf("TOP %d 0", i))
		text := strings.Join(cl.multi(), "\n")
		if want := fmt.Sprintf("Subject: number %d", i-1); !strings.Contains(text, want) {
			t.Fatalf("message %d is not the %d-th to arrive: %q", i, i, text)
		}
	}
	cl.pop("QUIT")
}

// USER is case-insensitive, as the local part of an SMTP recipient is.
func TestPOP3UserCase(t *testing.T) {
	ts := startServer(t, Config{})
	if rep := sendMail(t, ts.smtp, []string{"Alice@LocalHost"}, "Subject: x\r\n\r\nx\r\n"); !strings.HasPrefix(rep, "250") {
		t.Fatal(rep)
	}
	cl, rep := login(t, ts.pop3, "Alice", "apw")
	if !strings.HasPrefix(rep, "+OK") {
		t.Fatalf("USER Alice: %q", rep)
	}
	if st := cl.pop("STAT"); !strings.HasPrefix(st, "+OK 1 ") {
		t.Errorf("STAT: %q", st)
	}
	cl.pop("QUIT")
}

// A failed login costs the same PBKDF2 work for an unknown name, a user with the lowest
// iteration count and one with a high count: timing cannot tell which names exist.
func TestLoginConstantWork(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	AddUser(path, "low", "pw", 1000)
	AddUser(path, "high", "pw", 150000)
	us, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	filesys.UseMem()
	mb := mailboat.Init(us.Mailboxes(), false)
	srv := New(mb, us, Config{Logger: log.New(io.Discard, "", 0)})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ServePOP3(l)
	t.Cleanup(srv.Close)
	work := map[string]uint64{}
	for _, name := range []string{"low", "high", "nobody"} {
		cl := dial(t, l.Addr().String())
		cl.pop("USER " + name)
		before := pbkdf2Work.Load()
		if rep := cl.pop("PASS wrong"); !strings.HasPrefix(rep, "-ERR") {
			t.Fatalf("%s: %q", name, rep)
		}
		work[name] = pbkdf2Work.Load() - before
		cl.pop("QUIT")
	}
	if work["low"] != work["nobody"] || work["high"] != work["nobody"] || work["nobody"] < 150000 {
		t.Errorf("PBKDF2 iterations per failed login differ: %v", work)
	}
}

// heapNow is the live heap after a collection.
func heapNow() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// countingListener counts the bytes the server has read from its connections.
type countingListener struct {
	net.Listener
	mu sync.Mutex
	n  int
}

type countingConn struct {
	net.Conn
	l *countingListener
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l}, nil
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.l.mu.Lock()
	c.l.n += n
	c.l.mu.Unlock()
	return n, err
}

func (l *countingListener) read() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

// Memory per connection does not grow with the message: 8 MiB of unfinished DATA, once
// the server has read it, costs far less than 8 MiB of heap; a POP3 login on a 12 MiB
// mailbox and a RETR of a 4 MiB message whose reader stalls do not hold the mailbox.
func TestMemoryBounded(t *testing.T) {
	root := t.TempDir()
	osfs, err := filesys.NewOSFS(root)
	if err != nil {
		t.Fatal(err)
	}
	filesys.Use(osfs)
	path := filepath.Join(t.TempDir(), "users")
	AddUser(path, "alice", "apw", 1000)
	us, _ := LoadUsers(path)
	mb := mailboat.Init(us.Mailboxes(), false)
	srv := New(mb, us, Config{Logger: log.New(io.Discard, "", 0)})
	sl0, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sl := &countingListener{Listener: sl0}
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ServeSMTP(sl)
	go srv.ServePOP3(pl)
	t.Cleanup(srv.Close)
	const margin = 3 << 20

	line := strings.Repeat("z", 998) + "\r\n"
	base := heapNow()
	cl := dial(t, sl.Addr().String())
	cl.smtp("HELO test")
	cl.smtp("MAIL FROM:<a@example.org>")
	cl.smtp("RCPT TO:<alice>")
	cl.smtp("DATA")
	chunk := strings.Repeat(line, 1049) // 1 MiB
	for i := 0; i < 8; i++ {
		cl.send(chunk)
	}
	for i := 0; i < 2000 && sl.read() < 8*len(chunk); i++ { // wait for the server to read it all
		time.Sleep(10 * time.Millisecond)
	}
	if sl.read() < 8*len(chunk) {
		t.Fatalf("the server read only %d bytes", sl.read())
	}
	if grown := int64(heapNow()) - int64(base); grown > margin {
		t.Errorf("heap grew by %d bytes during an unfinished 8 MiB DATA", grown)
	}
	cl.send(".\r\n")
	if rep := cl.smtpReply(); !strings.HasPrefix(rep, "250") {
		t.Fatal(rep)
	}
	cl.smtp("QUIT")

	for i := 0; i < 3; i++ { // 3 more messages of 4 MiB from the library: 20 MiB in all
		mb.Deliver(0, []byte(strings.Repeat(line, 4096)))
	}
	base = heapNow()
	pc, rep := login(t, pl.Addr().String(), "alice", "apw")
	if !strings.HasPrefix(rep, "+OK") {
		t.Fatal(rep)
	}
	if st := pc.pop("STAT"); !strings.HasPrefix(st, "+OK 4 ") {
		t.Fatal(st)
	}
	pc.send("RETR 2\r\n")
	pc.line()
	pc.line() // the server now blocks writing the rest to a reader who stopped
	time.Sleep(200 * time.Millisecond)
	if grown := int64(heapNow()) - int64(base); grown > margin {
		t.Errorf("heap grew by %d bytes with a 20 MiB mailbox logged in and a RETR in progress", grown)
	}
	pc.c.Close()
}

// A command line trickled a byte at a time gets no more than the idle timeout in all: the
// deadline is for the whole line, not renewed by each byte.
func TestCommandDeadlineIsPerLine(t *testing.T) {
	ts := startServer(t, Config{IdleTimeout: 300 * time.Millisecond})
	cl := dial(t, ts.smtp)
	got := ""
	for i := 0; i < 200 && got == ""; i++ { // at most 20 s
		cl.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.WriteString(cl.c, "x"); err != nil {
			break
		}
		cl.c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		line, _ := cl.r.ReadString('\n')
		got = line
	}
	if !strings.HasPrefix(got, "421") {
		t.Fatalf("trickled command line got %q, want 421", got)
	}
	if !cl.closed() {
		t.Error("the connection stayed open after 421")
	}
}
