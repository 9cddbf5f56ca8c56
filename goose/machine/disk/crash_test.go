package disk

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"testing"
)

// op is a step of a workload: a write of value v (a block of v bytes) to block a, or a
// Barrier (barrier true).
type op struct {
	barrier bool
	a       uint64
	v       byte
}

// enumerate calls run once for every sequence of choices a Chooser can make, and returns
// the set of results. run must be deterministic apart from its choices.
func enumerate(run func(choose Chooser) string) map[string]bool {
	out := map[string]bool{}
	var prefix []int
	for {
		var ns []int
		choose := func(n int) int {
			i := len(ns)
			ns = append(ns, n)
			if i < len(prefix) {
				return prefix[i]
			}
			return 0
		}
		out[run(choose)] = true
		next := make([]int, len(ns))
		copy(next, prefix)
		k := len(ns) - 1
		for k >= 0 && next[k]+1 >= ns[k] {
			k--
		}
		if k < 0 {
			return out
		}
		next[k]++
		prefix = next[:k+1]
	}
}

// show summarises a disk as the first byte of each block.
func show(d *MemDisk) string {
	var b strings.Builder
	for a := uint64(0); a < d.Size(); a++ {
		fmt.Fprintf(&b, "%d,", d.Read(a)[0])
	}
	return b.String()
}

// allowed is the host-crash rule computed from the workload alone: each block holds its
// value at the last Barrier or any value written to it since, blocks independently.
func allowed(size uint64, ops []op) map[string]bool {
	durable := make([]byte, size)
	since := make([]map[byte]bool, size)
	for a := range since {
		since[a] = map[byte]bool{}
	}
	current := make([]byte, size)
	for _, o := range ops {
		if o.barrier {
			copy(durable, current)
			for a := range since {
				since[a] = map[byte]bool{}
			}
			continue
		}
		current[o.a] = o.v
		since[o.a][o.v] = true
	}
	out := map[string]bool{}
	var rec func(a uint64, acc string)
	rec = func(a uint64, acc string) {
		if a == size {
			out[acc] = true
			return
		}
		vals := map[byte]bool{durable[a]: true}
		for v := range since[a] {
			vals[v] = true
		}
		for v := range vals {
			rec(a+1, acc+fmt.Sprintf("%d,", v))
		}
	}
	rec(0, "")
	return out
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func replay(size uint64, ops []op) *MemDisk {
	d := NewMemDisk(size)
	for _, o := range ops {
		if o.barrier {
			d.Barrier()
		} else {
			d.Write(o.a, block(o.v))
		}
	}
	return d
}

func checkOutcomes(t *testing.T, size uint64, ops []op) {
	t.Helper()
	got := enumerate(func(choose Chooser) string { return show(replay(size, ops).CrashHost(choose)) })
	want := allowed(size, ops)
	if fmt.Sprint(keys(got)) != fmt.Sprint(keys(want)) {
		t.Fatalf("workload %v: host-crash outcomes\n got %v\nwant %v", ops, keys(got), keys(want))
	}
}

func TestCrashHostOutcomesAreExactlyTheRule(t *testing.T) {
	w := func(a uint64, v byte) op { return op{a: a, v: v} }
	bar := op{barrier: true}
	cases := [][]op{
		{},
		{w(0, 1)},
		{w(0, 1), bar},
		{w(0, 1), bar, w(0, 2)},
		{w(0, 1), w(0, 2), w(0, 3)},
		{w(0, 1), w(0, 2), w(0, 1)}, // a value written twice is one outcome
		{w(0, 1), w(1, 2), bar, w(1, 3), w(2, 4), w(0, 5)},
		{w(0, 1), bar, w(0, 0)}, // writing zeros back
		{bar, w(2, 7), bar, bar},
	}
	for _, ops := range cases {
		checkOutcomes(t, 3, ops)
	}
	// Random workloads, seeded.
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 200; i++ {
		var ops []op
		for k := r.Intn(8); k > 0; k-- {
			if r.Intn(4) == 0 {
				ops = append(ops, bar)
			} else {
				ops = append(ops, w(uint64(r.Intn(3)), byte(r.Intn(4))))
			}
		}
		checkOutcomes(t, 3, ops)
	}
}

func TestCrashHostDurableAndRandom(t *testing.T) {
	d := replay(2, []op{{a: 0, v: 1}, {barrier: true}, {a: 0, v: 2}, {a: 1, v: 3}})
	if got := show(d.CrashHost(Durable)); got != "1,0," {
		t.Fatalf("Durable crash left %s, want 1,0,", got)
	}
	seen := map[string]bool{}
	for seed := int64(0); seed < 64; seed++ {
		d := replay(2, []op{{a: 0, v: 1}, {barrier: true}, {a: 0, v: 2}, {a: 1, v: 3}})
		seen[show(d.CrashHost(RandomChooser(rand.New(rand.NewSource(seed)))))] = true
	}
	if fmt.Sprint(keys(seen)) != fmt.Sprint(keys(allowed(2, []op{{a: 0, v: 1}, {barrier: true}, {a: 0, v: 2}, {a: 1, v: 3}}))) {
		t.Fatalf("64 random crashes gave %v", keys(seen))
	}
}

func TestCrashHostLeavesADurableDiskAndClosesTheOld(t *testing.T) {
	d := replay(1, []op{{a: 0, v: 5}})
	after := d.CrashHost(func(n int) int { return n - 1 })
	if got := show(after); got != "5," {
		t.Fatalf("after = %s", got)
	}
	if n := len(after.Candidates(0)); n != 1 {
		t.Fatalf("a block just after a crash has %d candidates, want 1 (all durable)", n)
	}
	expectPanic(t, "closed MemDisk", func() { d.Read(0) })
	expectPanic(t, "out of range", func() {
		replay(1, []op{{a: 0, v: 5}}).CrashHost(func(n int) int { return n })
	})
}

func TestBarrierRacesWithWrites(t *testing.T) {
	d := NewMemDisk(4)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				d.Write(uint64(g), block(byte(i)))
				if i%7 == 0 {
					d.Barrier()
				}
			}
		}(g)
	}
	wg.Wait()
	d.Barrier()
	after := d.CrashHost(func(n int) int { t.Fatalf("a fully synced disk offers %d outcomes", n); return 0 })
	if got := show(after); got != fmt.Sprintf("%d,%d,%d,%d,", 199, 199, 199, 199) {
		t.Fatalf("after = %s", got)
	}
}
