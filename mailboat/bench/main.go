// Command bench runs the Mailboat paper's figure 9 workload in-process against Mailboat and
// against the GoMail-style baseline, with the same harness, and writes requests per second
// per core count to a CSV file (plot it with bench/mailboat_plot.py).
//
// Each iteration delivers "Hello world." to a random one of 100 users, then picks up a
// random user, deletes every message returned and unlocks. A fixed total of
// -per-core × cores iterations is split across as many goroutines as cores, with
// GOMAXPROCS set to match and GOGC=200 as in the paper. The stores live on /dev/shm (tmpfs)
// when it exists.
//
//	go run ./mailboat/bench -out bench/out/mailboat [-cores 1,2] [-per-core 100000] [-runs 3]
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	if root := os.Getenv(serverChildEnv); root != "" {
		runServerChild(root)
		return
	}
	out := flag.String("out", "bench/out/mailboat", "directory for mailboat.csv")
	coresFlag := flag.String("cores", "", "comma-separated core counts (default 1..NumCPU)")
	perCore := flag.Int("per-core", 100000, "iterations per core (the paper: 100,000)")
	runs := flag.Int("runs", 3, "runs per system and core count; the CSV has each, the summary the median")
	only := flag.String("systems", "mailboat-raw,gomail-raw,mailboat-os,gomail-os", "comma-separated systems to run")
	dir := flag.String("dir", "", "where the stores live (default /dev/shm if present, else the temp dir)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	socketSecs := flag.Float64("socket-seconds", 5, "length of each socket-level load run (0: skip it)")
	senders := flag.Int("senders", 8, "SMTP clients in the socket-level load test")
	pickers := flag.Int("pickers", 4, "POP3 clients in the socket-level load test")
	flag.Parse()
	if *cpuprofile != "" {
		pf, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		pprof.StartCPUProfile(pf)
		defer pprof.StopCPUProfile()
	}
	cores, err := parseCores(*coresFlag)
	if err != nil {
		fail(err)
	}
	base := *dir
	if base == "" {
		base = os.TempDir()
		if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
			base = "/dev/shm"
		}
	}
	debug.SetGCPercent(200)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	path := filepath.Join(*out, "mailboat.csv")
	f, err := os.Create(path)
	if err != nil {
		fail(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"system", "cores", "run", "iterations", "seconds", "requests_per_sec", "cpu_seconds", "requests_per_cpu_sec"})
	fmt.Printf("stores under %s; %d iterations per core; %d runs; %d CPUs; load average %s\n", base, *perCore, *runs, runtime.NumCPU(), loadAvg())
	fmt.Printf("Figure 9 workload, requests/s (median); ratio = Mailboat / GoMail-style baseline on the same file layer\n")
	fmt.Printf("%5s %6s %12s %12s %7s   %s\n", "cores", "layer", "mailboat", "gomail", "ratio", "(per CPU-second: mailboat gomail ratio)")
	// Per system and core count: median requests/s, requests/CPU-s, and CPU-s per second
	// (how many cores the run actually got on a shared machine).
	allMedian, allCPU, obtained := map[string]float64{}, map[string]float64{}, map[string]float64{}
	for _, n := range cores {
		median, cpuMedian := map[string]float64{}, map[string]float64{}
		rates, cpuRates, cpuShare := map[string][]float64{}, map[string][]float64{}, map[string][]float64{}
		for r := 0; r < *runs; r++ { // interleaved, so that drift in the machine's load hits both
			for _, sys := range systems {
				if !strings.Contains(","+*only+",", ","+sys.name+",") {
					continue
				}
				res, err := run(sys, base, n, *perCore*n)
				if err != nil {
					fail(fmt.Errorf("%s, %d cores: %v", sys.name, n, err))
				}
				rates[sys.name] = append(rates[sys.name], res.rate())
				cpuRates[sys.name] = append(cpuRates[sys.name], res.cpuRate())
				cpuShare[sys.name] = append(cpuShare[sys.name], res.cpuSeconds/res.seconds)
				w.Write([]string{sys.name, strconv.Itoa(n), strconv.Itoa(r), strconv.Itoa(res.iterations),
					strconv.FormatFloat(res.seconds, 'f', 4, 64), strconv.FormatFloat(res.rate(), 'f', 0, 64),
					strconv.FormatFloat(res.cpuSeconds, 'f', 4, 64), strconv.FormatFloat(res.cpuRate(), 'f', 0, 64)})
				w.Flush()
			}
		}
		for name := range rates {
			median[name] = medianOf(rates[name])
			cpuMedian[name] = medianOf(cpuRates[name])
		}
		for _, layer := range []string{"raw", "os"} {
			m, g := "mailboat-"+layer, "gomail-"+layer
			if median[m] == 0 || median[g] == 0 {
				continue
			}
			fmt.Printf("%5d %6s %12.0f %12.0f %6.2fx   (%.0f %.0f %.2fx)\n", n, layer, median[m], median[g],
				median[m]/median[g], cpuMedian[m], cpuMedian[g], cpuMedian[m]/cpuMedian[g])
		}
		for name := range median {
			allMedian[name+" "+strconv.Itoa(n)] = median[name]
			allCPU[name+" "+strconv.Itoa(n)] = cpuMedian[name]
			obtained[name+" "+strconv.Itoa(n)] = medianOf(cpuShare[name])
		}
	}
	fmt.Println("Scaling 1 -> 2 cores: wall-clock requests/s, the cores the runs obtained (CPU-s per s),")
	fmt.Println("and requests per CPU-second at 2 cores over 1 core (below 1.0 = cost of contention):")
	for _, sys := range systems {
		one, two := allMedian[sys.name+" 1"], allMedian[sys.name+" 2"]
		if one > 0 && two > 0 {
			fmt.Printf("  %-13s %.2fx  (cores obtained %.2f -> %.2f; per CPU-second %.2fx)\n", sys.name+":", two/one,
				obtained[sys.name+" 1"], obtained[sys.name+" 2"], allCPU[sys.name+" 2"]/allCPU[sys.name+" 1"])
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
	fmt.Println("wrote", path)
	if *socketSecs > 0 {
		if err := socketLoad(*out, base, cores, *runs, *senders, *pickers, time.Duration(*socketSecs*float64(time.Second))); err != nil {
			fail(err)
		}
	}
	fmt.Println("load average at the end:", loadAvg())
}

// loadAvg is the 1, 5 and 15 minute load averages, which say how shared the machine was.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// socketLoad runs the socket-level load test runs times per core count, prints the medians
// and writes every run to mailboat_socket.csv.
func socketLoad(out, base string, cores []int, runs, senders, pickers int, dur time.Duration) error {
	path := filepath.Join(out, "mailboat_socket.csv")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write([]string{"cores", "run", "seconds", "delivered_per_sec", "picked_up_per_sec", "deliver_p50_ms",
		"deliver_p99_ms", "pickup_p50_ms", "pickup_p99_ms", "server_cpu_seconds", "delivered_per_server_cpu_sec"})
	fmt.Printf("\nSocket-level load (%d SMTP + %d POP3 clients on loopback, %v a run, server in a child with GOMAXPROCS = cores; medians of %d runs)\n",
		senders, pickers, dur, runs)
	fmt.Printf("%5s %12s %12s %10s %10s %10s %10s %10s %14s\n", "cores", "delivered/s", "picked/s", "dlv p50", "dlv p99",
		"pop p50", "pop p99", "srv CPU s", "dlv/srv-CPU-s")
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 2, 64) }
	delivered := map[int]float64{}
	for _, n := range cores {
		var rs []socketResult
		for r := 0; r < runs; r++ {
			res, err := runSocketLoad(base, n, senders, pickers, dur)
			if err != nil {
				return fmt.Errorf("socket load, %d cores: %v", n, err)
			}
			rs = append(rs, res)
			w.Write([]string{strconv.Itoa(n), strconv.Itoa(r), strconv.FormatFloat(res.seconds, 'f', 3, 64),
				strconv.FormatFloat(float64(res.delivered)/res.seconds, 'f', 0, 64),
				strconv.FormatFloat(float64(res.pickedUp)/res.seconds, 'f', 0, 64),
				ms(res.deliverP50), ms(res.deliverP99), ms(res.pickupP50), ms(res.pickupP99),
				strconv.FormatFloat(res.serverCPU, 'f', 3, 64),
				strconv.FormatFloat(float64(res.delivered)/res.serverCPU, 'f', 0, 64)})
			w.Flush()
		}
		med := func(get func(socketResult) float64) float64 {
			xs := make([]float64, len(rs))
			for i, r := range rs {
				xs[i] = get(r)
			}
			return medianOf(xs)
		}
		dps := med(func(r socketResult) float64 { return float64(r.delivered) / r.seconds })
		delivered[n] = dps
		fmt.Printf("%5d %12.0f %12.0f %10s %10s %10s %10s %10.2f %14.0f\n", n, dps,
			med(func(r socketResult) float64 { return float64(r.pickedUp) / r.seconds }),
			ms(time.Duration(med(func(r socketResult) float64 { return float64(r.deliverP50) })))+"ms",
			ms(time.Duration(med(func(r socketResult) float64 { return float64(r.deliverP99) })))+"ms",
			ms(time.Duration(med(func(r socketResult) float64 { return float64(r.pickupP50) })))+"ms",
			ms(time.Duration(med(func(r socketResult) float64 { return float64(r.pickupP99) })))+"ms",
			med(func(r socketResult) float64 { return r.serverCPU }),
			med(func(r socketResult) float64 { return float64(r.delivered) / r.serverCPU }))
	}
	if delivered[1] > 0 && delivered[2] > 0 {
		fmt.Printf("scaling 1 -> 2 cores, deliveries over sockets: %.2fx\n", delivered[2]/delivered[1])
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	fmt.Println("wrote", path)
	return nil
}

// medianOf returns the median of xs, which it sorts.
func medianOf(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

func parseCores(s string) ([]int, error) {
	if s == "" {
		var all []int
		for n := 1; n <= runtime.NumCPU(); n++ {
			all = append(all, n)
		}
		return all, nil
	}
	var cores []int
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-cores: bad core count %q", part)
		}
		cores = append(cores, n)
	}
	return cores, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
