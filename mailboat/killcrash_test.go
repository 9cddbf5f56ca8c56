package mailboat

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"armada/goose/machine/filesys"
)

// The SIGKILL test re-runs the test binary as a child (selected by crashChildEnv) that
// puts a mixed load on a real file system and reports its progress on file descriptor 3,
// one line per event: "R" when the load starts, then "S key" before a Deliver, "D key"
// after it, "d key" before a Delete, "x key" after it.
const (
	crashChildEnv = "MAILBOAT_CRASH_CHILD"
	crashRoundEnv = "MAILBOAT_CRASH_ROUND"
	crashUsers    = 4
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		crashChild(dir, os.Getenv(crashRoundEnv))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashChild runs three deliverers and a picker on the mail root dir until it is killed.
func crashChild(dir, round string) {
	fs, err := filesys.NewOSFS(dir)
	if err != nil {
		panic(err)
	}
	filesys.Use(fs)
	events := os.NewFile(3, "events")
	emit := func(op, key string) {
		if _, err := events.Write([]byte(op + " " + key + "\n")); err != nil {
			os.Exit(3)
		}
	}
	mb := Init(crashUsers, false)
	seed, _ := strconv.Atoi(round)
	for g := 0; g < 3; g++ {
		go func(g int) {
			r := rand.New(rand.NewSource(int64(seed*10 + g)))
			for i := 0; ; i++ {
				key := fmt.Sprintf("r%s.g%d.%d", round, g, i)
				emit("S", key)
				if g == 2 { // the server's path: a spool file linked into the mailbox
					d := mb.Begin()
					mb.Write(d, testMessage(key, testSize(r)))
					mb.Commit(d, []uint64{uint64(r.Intn(crashUsers))})
				} else {
					mb.Deliver(uint64(r.Intn(crashUsers)), testMessage(key, testSize(r)))
				}
				emit("D", key)
			}
		}(g)
	}
	events.Write([]byte("R\n"))
	r := rand.New(rand.NewSource(int64(seed)))
	for {
		u := uint64(r.Intn(crashUsers))
		for _, m := range mb.Pickup(u) {
			if r.Intn(2) == 0 {
				continue
			}
			key, _, _ := parseHeader(m.Contents)
			emit("d", key)
			mb.Delete(u, m.ID)
			emit("x", key)
		}
		mb.Unlock(u)
	}
}

// TestSIGKILLCrash kills the child with SIGKILL a few milliseconds into its load, 200
// times, and after each kill recovers the mail root and checks it against the events the
// child reported: every acknowledged delivery present exactly once, every acknowledged
// deletion gone, nothing partial, nothing twice, the spool empty.
func TestSIGKILLCrash(t *testing.T) {
	const kills = 200
	dir := t.TempDir()
	l := newLedger()
	r := rand.New(rand.NewSource(7))
	interrupted, events := 0, 0
	for round := 0; round < kills; round++ {
		n, spool := killChild(t, dir, round, time.Duration(r.Intn(5000))*time.Microsecond, l)
		events += n
		fs, err := filesys.NewOSFS(dir)
		if err != nil {
			t.Fatal(err)
		}
		filesys.Use(fs)
		if spool > 0 {
			interrupted++
		}
		mb := Init(crashUsers, false)
		if errs := l.check(mb, crashUsers); len(errs) > 0 {
			t.Fatalf("after kill %d: %d problems, first: %v", round, len(errs), errs[:min(5, len(errs))])
		}
	}
	t.Logf("%d kills, %d events, %d kills left spool files (deliveries cut short)", kills, events, interrupted)
	if interrupted == 0 {
		t.Errorf("no kill interrupted a delivery: the test is not testing crashes")
	}
}

// killChild starts the crash child on dir, kills it with SIGKILL delay after its load
// starts, applies its events to l and returns how many there were and how many files the
// kill left in the spool.
func killChild(t *testing.T, dir string, round int, delay time.Duration, l *ledger) (int, int) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, crashRoundEnv+"="+strconv.Itoa(round))
	cmd.ExtraFiles = []*os.File{pw}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	ready := make(chan bool, 1)
	done := make(chan int)
	go func() {
		n := 0
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if sc.Text() == "R" {
				ready <- true
				continue
			}
			if err := l.event(sc.Text()); err != nil {
				t.Error(err)
			}
			n++
		}
		close(ready)
		done <- n
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			t.Fatalf("child %d ended before its load started: %s", round, stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("child %d did not start its load in 30s", round)
	}
	time.Sleep(delay)
	cmd.Process.Kill() // SIGKILL
	cmd.Wait()
	n := <-done
	if stderr.Len() > 0 {
		t.Fatalf("child %d wrote to stderr: %s", round, stderr.String())
	}
	spool, err := os.ReadDir(dir + "/" + SpoolDir)
	if err != nil {
		t.Fatal(err)
	}
	return n, len(spool)
}
