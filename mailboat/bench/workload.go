package main

import (
	"math/rand"
	"os"
	"runtime"
	"sync"
	"syscall"
	"time"

	"armada/goose/machine/filesys"
	"armada/mailboat"
	"armada/mailboat/baseline"
)

// users is the number of mailboxes in the workload, as in the paper.
const users = 100

// message is what every iteration delivers.
var message = []byte("Hello world.")

// system is a mail store under test: setup makes a fresh store in dir and returns the
// function that runs one iteration of the workload with the goroutine's random source.
type system struct {
	name  string
	setup func(dir string) (func(r *rand.Rand), error)
}

// closers are what the last setup left to release (RawStore's directory descriptors).
var closers []func()

// systems come in pairs on the same file layer: raw system calls (Mailboat's OSFS and the
// baseline's RawStore) and Go's os package (osPkgFS and Store).
var systems = []system{
	{"mailboat-raw", func(dir string) (func(r *rand.Rand), error) {
		fs, err := filesys.NewOSFS(dir)
		if err != nil {
			return nil, err
		}
		return setupMailboat(fs)
	}},
	{"gomail-raw", func(dir string) (func(r *rand.Rand), error) {
		s, err := baseline.NewRaw(dir, users)
		if err != nil {
			return nil, err
		}
		closers = append(closers, s.Close)
		return setupGoMail(s)
	}},
	{"mailboat-os", func(dir string) (func(r *rand.Rand), error) {
		return setupMailboat(newOSPkgFS(dir))
	}},
	{"gomail-os", func(dir string) (func(r *rand.Rand), error) {
		s, err := baseline.New(dir, users)
		if err != nil {
			return nil, err
		}
		return setupGoMail(s)
	}},
}

// goMailStore is what the two baseline stores have in common.
type goMailStore interface {
	Deliver(user int, msg []byte) error
	Pickup(user int) ([]baseline.Message, *baseline.Lock, error)
	Delete(user int, id string) error
}

func setupMailboat(fs filesys.FS) (func(r *rand.Rand), error) {
	filesys.Use(fs)
	mb := mailboat.Init(users, false)
	return func(r *rand.Rand) {
		mb.Deliver(uint64(r.Intn(users)), message)
		u := uint64(r.Intn(users))
		for _, m := range mb.Pickup(u) {
			mb.Delete(u, m.ID)
		}
		mb.Unlock(u)
	}, nil
}

func setupGoMail(s goMailStore) (func(r *rand.Rand), error) {
	return func(r *rand.Rand) {
		if err := s.Deliver(r.Intn(users), message); err != nil {
			panic(err)
		}
		u := r.Intn(users)
		msgs, l, err := s.Pickup(u)
		if err != nil {
			panic(err)
		}
		for _, m := range msgs {
			if err := s.Delete(u, m.ID); err != nil {
				panic(err)
			}
		}
		if err := l.Unlock(); err != nil {
			panic(err)
		}
	}, nil
}

// result is one timed run: wall-clock seconds and the CPU seconds (user and system, all
// threads) the process used meanwhile, which other load on the machine disturbs less.
type result struct {
	iterations int
	seconds    float64
	cpuSeconds float64
}

func (r result) rate() float64    { return float64(r.iterations) / r.seconds }
func (r result) cpuRate() float64 { return float64(r.iterations) / r.cpuSeconds }

// cpuTime is the CPU time the process has used so far, in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// run times total iterations of sys split across cores goroutines with GOMAXPROCS=cores,
// in a fresh directory under base that it removes afterwards.
func run(sys system, base string, cores, total int) (result, error) {
	dir, err := os.MkdirTemp(base, "mailboat-bench-")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(dir)
	defer func() {
		for _, c := range closers {
			c()
		}
		closers = nil
	}()
	iter, err := sys.setup(dir)
	if err != nil {
		return result{}, err
	}
	prev := runtime.GOMAXPROCS(cores)
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	var wg sync.WaitGroup
	start, startCPU := time.Now(), cpuTime()
	for g := 0; g < cores; g++ {
		n := total / cores
		if g < total%cores {
			n++
		}
		wg.Add(1)
		go func(seed int64, n int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(seed))
			for i := 0; i < n; i++ {
				iter(r)
			}
		}(int64(g+1), n)
	}
	wg.Wait()
	return result{iterations: total, seconds: time.Since(start).Seconds(), cpuSeconds: cpuTime() - startCPU}, nil
}
