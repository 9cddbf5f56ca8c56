// Command hostcrash_oracle runs a workload (JSON on stdin) on the machine library's MemDisk
// and MemFS, crashes the host under every sequence of choices, and prints each distinct
// outcome on a line, sorted. tests/semantics/test_host_crash_go.py compares these with the
// explorer's device models: the two implement one host-crash rule.
//
// A workload is a list of steps: ["write", a, v] (block a := a block of bytes v),
// ["barrier"], ["create", dir, name], ["append", dir, name, data], ["fsync", dir, name],
// ["fsyncdir", dir], ["delete", dir, name], ["link", dir, name, dir2, name2]. Directories
// a and b exist; appends and fsyncs go through the descriptor Create returned. Every step
// must be valid.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"armada/goose/machine/disk"
	"armada/goose/machine/filesys"
)

const diskSize = 3

func run(steps [][]any, choose func(n int) int) string {
	d := disk.NewMemDisk(diskSize)
	fs := filesys.NewMemFS()
	fs.Mkdir("a")
	fs.Mkdir("b")
	fds := map[string]filesys.File{}
	str := func(v any) string { return v.(string) }
	num := func(v any) uint64 { return uint64(v.(float64)) }
	for _, s := range steps {
		switch str(s[0]) {
		case "write":
			d.Write(num(s[1]), bytes.Repeat([]byte{byte(num(s[2]))}, int(disk.BlockSize)))
		case "barrier":
			d.Barrier()
		case "create":
			f, ok := fs.Create(str(s[1]), str(s[2]))
			if !ok {
				panic("create of an existing name")
			}
			fds[str(s[1])+"/"+str(s[2])] = f
		case "append":
			fs.Append(fds[str(s[1])+"/"+str(s[2])], []byte(str(s[3])))
		case "fsync":
			fs.Fsync(fds[str(s[1])+"/"+str(s[2])])
		case "fsyncdir":
			fs.FsyncDir(str(s[1]))
		case "sync":
			fs.Sync()
		case "delete":
			fs.Delete(str(s[1]), str(s[2]))
		case "link":
			if !fs.Link(str(s[1]), str(s[2]), str(s[3]), str(s[4])) {
				panic("link onto an existing name")
			}
		default:
			panic("unknown step " + str(s[0]))
		}
	}
	d2 := d.CrashHost(disk.Chooser(choose))
	fs2 := fs.CrashHostWith(filesys.Chooser(choose))
	var b strings.Builder
	for a := uint64(0); a < diskSize; a++ {
		fmt.Fprintf(&b, "%d,", d2.Read(a)[0])
	}
	// Names of one file are not told apart here: goose/machine/filesys's own test checks
	// that links stay links.
	for _, dir := range []string{"a", "b"} {
		fmt.Fprintf(&b, " %s:", dir)
		for _, n := range fs2.List(dir) {
			f := fs2.Open(dir, n)
			data := fs2.ReadAt(f, 0, 1<<20)
			fs2.Close(f)
			fmt.Fprintf(&b, "%s=%q", n, data)
		}
	}
	return b.String()
}

func main() {
	var steps [][]any
	if err := json.NewDecoder(os.Stdin).Decode(&steps); err != nil {
		panic(err)
	}
	seen := map[string]bool{}
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
		seen[run(steps, choose)] = true
		next := make([]int, len(ns))
		copy(next, prefix)
		k := len(ns) - 1
		for k >= 0 && next[k]+1 >= ns[k] {
			k--
		}
		if k < 0 {
			break
		}
		next[k]++
		prefix = next[:k+1]
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	for _, s := range out {
		fmt.Println(s)
	}
}
