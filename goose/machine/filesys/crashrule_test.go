package filesys

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"
)

// The host-crash rule of docs/machine.md, checked exhaustively: for small workloads, every
// outcome CrashHostWith can produce (over every sequence of choices) is exactly the set a
// reference model of the rule allows.

// fsOp is one step of a workload on directories a and b and names x and y.
type fsOp struct {
	kind string // create, append, fsync, fsyncdir, delete, link, sync
	dir  string
	name string
	dir2 string // link target
	nam2 string
	data string
}

// refFile is a file of the reference model: its bytes and its length at its last Fsync.
type refFile struct {
	data   string
	synced int
}

// refOp is a directory operation: name set to file id, or removed (id < 0).
type refOp struct {
	name string
	id   int
}

// refFS is the reference model: per directory, durable entries and operations since.
type refFS struct {
	files   []*refFile
	cur     map[string]map[string]int
	durable map[string]map[string]int
	ops     map[string][]refOp
	open    map[int]bool // files with an append descriptor (from Create)
}

func newRef() *refFS {
	r := &refFS{cur: map[string]map[string]int{}, durable: map[string]map[string]int{}, ops: map[string][]refOp{},
		open: map[int]bool{}}
	for _, d := range []string{"a", "b"} {
		r.cur[d], r.durable[d] = map[string]int{}, map[string]int{}
	}
	return r
}

// apply runs o on the reference model; false if it is not allowed now (skipped).
func (r *refFS) apply(o fsOp) bool {
	switch o.kind {
	case "create":
		if _, ok := r.cur[o.dir][o.name]; ok {
			return false
		}
		r.files = append(r.files, &refFile{})
		id := len(r.files) - 1
		r.cur[o.dir][o.name] = id
		r.ops[o.dir] = append(r.ops[o.dir], refOp{o.name, id})
		r.open[id] = true
	case "append", "fsync":
		id, ok := r.cur[o.dir][o.name]
		if !ok || !r.open[id] {
			return false
		}
		if o.kind == "append" {
			r.files[id].data += o.data
		} else {
			r.files[id].synced = len(r.files[id].data)
		}
	case "fsyncdir":
		r.durable[o.dir] = map[string]int{}
		for n, id := range r.cur[o.dir] {
			r.durable[o.dir][n] = id
		}
		r.ops[o.dir] = nil
	case "sync": // every FsyncDir and every Fsync at once
		for _, d := range []string{"a", "b"} {
			r.apply(fsOp{kind: "fsyncdir", dir: d})
		}
		for _, f := range r.files {
			f.synced = len(f.data)
		}
	case "delete":
		if _, ok := r.cur[o.dir][o.name]; !ok {
			return false
		}
		delete(r.cur[o.dir], o.name)
		r.ops[o.dir] = append(r.ops[o.dir], refOp{o.name, -1})
	case "link":
		id, ok := r.cur[o.dir][o.name]
		if _, exists := r.cur[o.dir2][o.nam2]; !ok || exists {
			return false
		}
		r.cur[o.dir2][o.nam2] = id
		r.ops[o.dir2] = append(r.ops[o.dir2], refOp{o.nam2, id})
	}
	return true
}

// showEntries prints directories as name=contents, with "~k" marking names of one file.
func showEntries(dirs map[string]map[string]string, ids map[string]map[string]int) string {
	var b strings.Builder
	first := map[int]string{}
	for _, d := range []string{"a", "b"} {
		names := make([]string, 0, len(dirs[d]))
		for n := range dirs[d] {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(&b, "%s:{", d)
		for _, n := range names {
			id := ids[d][n]
			if f, ok := first[id]; ok {
				fmt.Fprintf(&b, "%s=~%s ", n, f)
			} else {
				first[id] = d + "/" + n
				fmt.Fprintf(&b, "%s=%q ", n, dirs[d][n])
			}
		}
		b.WriteString("} ")
	}
	return b.String()
}

// allowed lists every outcome the rule allows for the model's current state.
func (r *refFS) allowed() map[string]bool {
	type dop struct {
		dir string
		op  refOp
	}
	var ops []dop
	for _, d := range []string{"a", "b"} {
		for _, o := range r.ops[d] {
			ops = append(ops, dop{d, o})
		}
	}
	out := map[string]bool{}
	for mask := 0; mask < 1<<len(ops); mask++ {
		ents := map[string]map[string]int{}
		for _, d := range []string{"a", "b"} {
			ents[d] = map[string]int{}
			for n, id := range r.durable[d] {
				ents[d][n] = id
			}
		}
		for i, o := range ops {
			if mask>>i&1 == 0 {
				continue
			}
			if o.op.id < 0 {
				delete(ents[o.dir], o.op.name)
			} else {
				ents[o.dir][o.op.name] = o.op.id
			}
		}
		var named []int
		seen := map[int]bool{}
		for _, d := range []string{"a", "b"} {
			for _, id := range ents[d] {
				if !seen[id] {
					seen[id] = true
					named = append(named, id)
				}
			}
		}
		keep := map[int]int{}
		var rec func(i int)
		rec = func(i int) {
			if i == len(named) {
				dirs := map[string]map[string]string{}
				for _, d := range []string{"a", "b"} {
					dirs[d] = map[string]string{}
					for n, id := range ents[d] {
						dirs[d][n] = r.files[id].data[:keep[id]]
					}
				}
				out[showEntries(dirs, ents)] = true
				return
			}
			f := r.files[named[i]]
			for k := f.synced; k <= len(f.data); k++ {
				keep[named[i]] = k
				rec(i + 1)
			}
		}
		rec(0)
	}
	return out
}

// runMem replays the workload on a MemFS (skipping what the model skipped) and crashes it.
func runMem(ops []fsOp, choose Chooser) string {
	fs := NewMemFS()
	fs.Mkdir("a")
	fs.Mkdir("b")
	r := newRef()
	fds := map[int]File{}
	for _, o := range ops {
		var id int
		if o.kind == "append" || o.kind == "fsync" {
			id = r.cur[o.dir][o.name]
		}
		if !r.apply(o) {
			continue
		}
		switch o.kind {
		case "create":
			f, _ := fs.Create(o.dir, o.name)
			fds[len(r.files)-1] = f
		case "append":
			fs.Append(fds[id], []byte(o.data))
		case "fsync":
			fs.Fsync(fds[id])
		case "fsyncdir":
			fs.FsyncDir(o.dir)
		case "sync":
			fs.Sync()
		case "delete":
			fs.Delete(o.dir, o.name)
		case "link":
			fs.Link(o.dir, o.name, o.dir2, o.nam2)
		}
	}
	after := fs.CrashHostWith(choose)
	dirs := map[string]map[string]string{}
	ids := map[string]map[string]int{}
	inos := map[*inode]int{}
	for _, d := range []string{"a", "b"} {
		dirs[d], ids[d] = map[string]string{}, map[string]int{}
		for n, ino := range after.dirs[d].entries {
			if _, ok := inos[ino]; !ok {
				inos[ino] = len(inos)
			}
			dirs[d][n] = string(ino.data)
			ids[d][n] = inos[ino]
		}
	}
	if after.OpenFiles() != 0 {
		panic("descriptors survived a host crash")
	}
	return showEntries(dirs, ids)
}

// enumerateFS returns the set of results of run over every sequence of choices.
func enumerateFS(run func(choose Chooser) string) map[string]bool {
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

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func checkRule(t *testing.T, ops []fsOp) {
	t.Helper()
	got := enumerateFS(func(c Chooser) string { return runMem(ops, c) })
	r := newRef()
	for _, o := range ops {
		r.apply(o)
	}
	want := r.allowed()
	if fmt.Sprint(sortedKeys(got)) != fmt.Sprint(sortedKeys(want)) {
		t.Fatalf("workload %+v\n got %q\nwant %q", ops, sortedKeys(got), sortedKeys(want))
	}
}

func TestCrashHostWithIsExactlyTheRule(t *testing.T) {
	c := func(d, n string) fsOp { return fsOp{kind: "create", dir: d, name: n} }
	ap := func(d, n, data string) fsOp { return fsOp{kind: "append", dir: d, name: n, data: data} }
	fsync := func(d, n string) fsOp { return fsOp{kind: "fsync", dir: d, name: n} }
	sd := func(d string) fsOp { return fsOp{kind: "fsyncdir", dir: d} }
	del := func(d, n string) fsOp { return fsOp{kind: "delete", dir: d, name: n} }
	ln := func(d, n, d2, n2 string) fsOp { return fsOp{kind: "link", dir: d, name: n, dir2: d2, nam2: n2} }
	sy := fsOp{kind: "sync"}
	cases := [][]fsOp{
		{},
		{c("a", "x")},
		{c("a", "x"), ap("a", "x", "abc")},
		{c("a", "x"), ap("a", "x", "ab"), fsync("a", "x"), ap("a", "x", "cd"), sd("a")},
		{c("a", "x"), ap("a", "x", "ab"), fsync("a", "x"), sd("a"), del("a", "x")},
		{c("a", "x"), sd("a"), ln("a", "x", "b", "y"), ap("a", "x", "z"), del("a", "x")},
		{c("a", "x"), del("a", "x"), c("a", "x"), ap("a", "x", "q")}, // a name reused
		{c("a", "x"), ap("a", "x", "1"), fsync("a", "x"), sd("a"), ln("a", "x", "a", "y"), sd("a")},
		{c("a", "x"), ap("a", "x", "ab"), c("b", "y"), sy, ap("a", "x", "c"), del("b", "y")},
		{c("a", "x"), ln("a", "x", "b", "y"), del("a", "x"), sy, ap("b", "y", "q")}, // synced through its link
	}
	for _, ops := range cases {
		checkRule(t, ops)
	}
	r := rand.New(rand.NewSource(11))
	dirs, names := []string{"a", "b"}, []string{"x", "y"}
	kinds := []string{"create", "append", "fsync", "fsyncdir", "delete", "link", "sync"}
	for i := 0; i < 300; i++ {
		var ops []fsOp
		for k := r.Intn(7); k > 0; k-- {
			o := fsOp{kind: kinds[r.Intn(len(kinds))], dir: dirs[r.Intn(2)], name: names[r.Intn(2)],
				dir2: dirs[r.Intn(2)], nam2: names[r.Intn(2)], data: strings.Repeat("d", 1+r.Intn(2))}
			ops = append(ops, o)
		}
		checkRule(t, ops)
	}
}

func TestCrashHostIsTheDurableOutcome(t *testing.T) {
	ops := []fsOp{{kind: "create", dir: "a", name: "x"}, {kind: "append", dir: "a", name: "x", data: "ab"},
		{kind: "fsync", dir: "a", name: "x"}, {kind: "fsyncdir", dir: "a"}, {kind: "append", dir: "a", name: "x", data: "c"},
		{kind: "create", dir: "b", name: "y"}}
	durable := runMem(ops, Durable)
	if want := `a:{x="ab" } b:{} `; durable != want {
		t.Fatalf("durable outcome %q, want %q", durable, want)
	}
	fs := NewMemFS()
	fs.Mkdir("a")
	f, _ := fs.Create("a", "x")
	fs.Append(f, []byte("ab"))
	after := fs.CrashHost()
	if got := after.List("a"); len(got) != 0 {
		t.Fatalf("CrashHost kept the unsynced name: %v", got)
	}
	seen := map[string]bool{}
	for seed := int64(0); seed < 100; seed++ {
		seen[runMem(ops, RandomChooser(rand.New(rand.NewSource(seed))))] = true
	}
	r := newRef()
	for _, o := range ops {
		r.apply(o)
	}
	if fmt.Sprint(sortedKeys(seen)) != fmt.Sprint(sortedKeys(r.allowed())) {
		t.Fatalf("100 random crashes gave %q, want every one of %q", sortedKeys(seen), sortedKeys(r.allowed()))
	}
}

// After a process crash the crashed generation's unsynced operations are still unsynced (a
// host crash may undo them) until Sync makes all of them durable: recovery's barrier.
func TestSyncAfterProcessCrash(t *testing.T) {
	run := func(sync bool) func(Chooser) string {
		return func(choose Chooser) string {
			fs := NewMemFS()
			fs.Mkdir("a")
			fs.Mkdir("b")
			f, _ := fs.Create("a", "x")
			fs.Append(f, []byte("ab"))
			fs.Link("a", "x", "b", "y")
			g, _ := fs.Create("b", "z")
			fs.Close(g)
			fs.Delete("b", "z")
			after := fs.CrashProcess()
			if sync {
				after.Sync()
			}
			final := after.CrashHostWith(choose)
			dirs := map[string]map[string]string{}
			ids := map[string]map[string]int{}
			inos := map[*inode]int{}
			for _, d := range []string{"a", "b"} {
				dirs[d], ids[d] = map[string]string{}, map[string]int{}
				for n, ino := range final.dirs[d].entries {
					if _, ok := inos[ino]; !ok {
						inos[ino] = len(inos)
					}
					dirs[d][n], ids[d][n] = string(ino.data), inos[ino]
				}
			}
			return showEntries(dirs, ids)
		}
	}
	if got := sortedKeys(enumerateFS(run(true))); fmt.Sprint(got) != fmt.Sprint([]string{`a:{x="ab" } b:{y=~a/x } `}) {
		t.Fatalf("after CrashProcess and Sync a host crash left %q, want only the state Sync saw", got)
	}
	if got := enumerateFS(run(false)); len(got) < 4 || !got[`a:{} b:{} `] {
		t.Fatalf("without Sync a host crash after CrashProcess must still lose what was unsynced: %q", sortedKeys(got))
	}
}
