package main

// The socket-level load test: a Mailboat server in a child process (GOMAXPROCS = the core
// count under test) and SMTP and POP3 clients in this process, talking through loopback
// sockets. It reports messages delivered and picked up per second, the 50th and 99th
// percentile latency of a delivery (MAIL FROM to the 250 after DATA, on a kept-open
// session) and of a pickup session (connect to QUIT), and the server's CPU time.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"armada/goose/machine/filesys"
	"armada/mailboat"
	"armada/mailboat/server"
)

// serverChildEnv selects the server child: its value is the mail root.
const serverChildEnv = "MAILBOAT_BENCH_SERVER"

// loadUsers is how many users the load test's server has; their passwords are "pw<N>" and
// their hashes use 1000 PBKDF2 iterations, so that logins do not dominate the pickups.
const loadUsers = 100

// runServerChild serves SMTP and POP3 over root on loopback ports, prints them, and stops
// on SIGTERM.
func runServerChild(root string) {
	us, err := server.LoadUsers(filepath.Join(root, "users"))
	if err != nil {
		fail(err)
	}
	fs, err := filesys.NewOSFS(filepath.Join(root, "mail"))
	if err != nil {
		fail(err)
	}
	filesys.Use(fs)
	mb := mailboat.Init(us.Mailboxes(), false)
	srv := server.New(mb, us, server.Config{Logger: log.New(os.Stderr, "server: ", 0),
		MaxConnections: 1000, MaxPerAddress: 1000})
	sl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	go srv.ServeSMTP(sl)
	go srv.ServePOP3(pl)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	fmt.Printf("%s %s\n", sl.Addr(), pl.Addr())
	<-sig
	srv.Close()
}

// socketResult is one run of the load test.
type socketResult struct {
	cores                  int
	seconds, serverCPU     float64
	delivered, pickedUp    int
	deliverP50, deliverP99 time.Duration
	pickupP50, pickupP99   time.Duration
}

// runSocketLoad starts the server child with GOMAXPROCS=cores and runs senders SMTP
// clients and pickers POP3 clients against it for dur.
func runSocketLoad(base string, cores, senders, pickers int, dur time.Duration) (socketResult, error) {
	res := socketResult{cores: cores}
	root, err := os.MkdirTemp(base, "mailboat-socket-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(root)
	for u := 0; u < loadUsers; u++ {
		if _, err := server.AddUser(filepath.Join(root, "users"), "u"+strconv.Itoa(u), "pw"+strconv.Itoa(u), 1000); err != nil {
			return res, err
		}
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), serverChildEnv+"="+root, "GOMAXPROCS="+strconv.Itoa(cores), "GOGC=200")
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return res, err
	}
	if err := cmd.Start(); err != nil {
		return res, err
	}
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	addrs := strings.Fields(line)
	if err != nil || len(addrs) != 2 {
		return res, fmt.Errorf("server child: %q, %v", line, err)
	}
	var stop atomic.Bool
	var mu sync.Mutex
	var deliverLat, pickupLat []time.Duration
	var firstErr error
	record := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		stop.Store(true)
	}
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < senders; i++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			lat, err := sender(addrs[0], rand.New(rand.NewSource(seed)), &stop)
			if err != nil {
				record(err)
			}
			mu.Lock()
			deliverLat = append(deliverLat, lat...)
			mu.Unlock()
		}(int64(i + 1))
	}
	var pickedUp atomic.Int64
	for i := 0; i < pickers; i++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			lat, err := picker(addrs[1], rand.New(rand.NewSource(seed)), &stop, &pickedUp)
			if err != nil {
				record(err)
			}
			mu.Lock()
			pickupLat = append(pickupLat, lat...)
			mu.Unlock()
		}(int64(1000 + i))
	}
	time.Sleep(dur)
	stop.Store(true)
	wg.Wait()
	res.seconds = time.Since(start).Seconds()
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		return res, fmt.Errorf("server child: %v", err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.serverCPU = float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
	}
	if firstErr != nil {
		return res, firstErr
	}
	res.delivered, res.pickedUp = len(deliverLat), int(pickedUp.Load())
	res.deliverP50, res.deliverP99 = percentile(deliverLat, 50), percentile(deliverLat, 99)
	res.pickupP50, res.pickupP99 = percentile(pickupLat, 50), percentile(pickupLat, 99)
	return res, nil
}

func percentile(xs []time.Duration, p int) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
	return xs[(len(xs)-1)*p/100]
}

// textConn is a client connection with a deadline on everything.
type textConn struct {
	c net.Conn
	r *bufio.Reader
}

func dialText(addr string) (*textConn, error) {
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	c.SetDeadline(time.Now().Add(60 * time.Second))
	return &textConn{c: c, r: bufio.NewReader(c)}, nil
}

// expect reads one reply line (the last of a multi-line SMTP reply) and checks its start.
func (t *textConn) expect(prefix string) (string, error) {
	for {
		line, err := t.r.ReadString('\n')
		if err != nil {
			return line, err
		}
		if len(line) >= 4 && line[3] == '-' && prefix != "+" && prefix != "-" {
			continue
		}
		if !strings.HasPrefix(line, prefix) {
			return line, fmt.Errorf("got %q, want %s", strings.TrimSpace(line), prefix)
		}
		return line, nil
	}
}

// sender delivers messages of the figure 9 workload ("Hello world.") to random users on
// one kept-open SMTP session, timing each.
func sender(addr string, r *rand.Rand, stop *atomic.Bool) ([]time.Duration, error) {
	t, err := dialText(addr)
	if err != nil {
		return nil, err
	}
	defer t.c.Close()
	if _, err := t.expect("220"); err != nil {
		return nil, err
	}
	io.WriteString(t.c, "EHLO bench\r\n")
	if _, err := t.expect("250"); err != nil {
		return nil, err
	}
	var lat []time.Duration
	for !stop.Load() {
		t.c.SetDeadline(time.Now().Add(60 * time.Second))
		begin := time.Now()
		// Pipelined (RFC 2920): the envelope in one write, the message after the 354.
		fmt.Fprintf(t.c, "MAIL FROM:<bench@example.org>\r\nRCPT TO:<u%d>\r\nDATA\r\n", r.Intn(loadUsers))
		for _, want := range []string{"250", "250", "354"} {
			if _, err := t.expect(want); err != nil {
				return lat, err
			}
		}
		io.WriteString(t.c, "Subject: bench\r\n\r\nHello world.\r\n.\r\n")
		if _, err := t.expect("250"); err != nil {
			return lat, err
		}
		lat = append(lat, time.Since(begin))
	}
	io.WriteString(t.c, "QUIT\r\n")
	return lat, nil
}

// picker logs in as random users, retrieves and deletes every message and quits, timing
// each session and counting the messages.
func picker(addr string, r *rand.Rand, stop *atomic.Bool, count *atomic.Int64) ([]time.Duration, error) {
	var lat []time.Duration
	for !stop.Load() {
		u := r.Intn(loadUsers)
		begin := time.Now()
		n, err := pickupSession(addr, u)
		if errors.Is(err, errInUse) {
			continue
		}
		if err != nil {
			return lat, err
		}
		lat = append(lat, time.Since(begin))
		count.Add(int64(n))
	}
	return lat, nil
}

var errInUse = errors.New("maildrop in use")

func pickupSession(addr string, u int) (int, error) {
	t, err := dialText(addr)
	if err != nil {
		return 0, err
	}
	defer t.c.Close()
	if _, err := t.expect("+OK"); err != nil {
		return 0, err
	}
	fmt.Fprintf(t.c, "USER u%d\r\nPASS pw%d\r\nSTAT\r\n", u, u)
	t.expect("+OK")
	if line, err := t.expect("+OK"); err != nil {
		if strings.Contains(line, "IN-USE") {
			return 0, errInUse
		}
		return 0, err
	}
	line, err := t.expect("+OK")
	if err != nil {
		return 0, err
	}
	n, _ := strconv.Atoi(strings.Fields(line)[1])
	var cmds strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&cmds, "RETR %d\r\nDELE %d\r\n", i, i)
	}
	cmds.WriteString("QUIT\r\n")
	io.WriteString(t.c, cmds.String())
	for i := 1; i <= n; i++ {
		if _, err := t.expect("+OK"); err != nil {
			return 0, err
		}
		for {
			line, err := t.r.ReadString('\n')
			if err != nil {
				return 0, err
			}
			if line == ".\r\n" {
				break
			}
		}
		if _, err := t.expect("+OK"); err != nil {
			return 0, err
		}
	}
	if _, err := t.expect("+OK"); err != nil {
		return 0, err
	}
	return n, nil
}
