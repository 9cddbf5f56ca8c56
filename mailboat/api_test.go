package mailboat

import (
	"bytes"
	"testing"

	"armada/goose/machine/filesys"
)

// linkFailFS is a file system on which Link into failDir panics, as a full disk makes it.
type linkFailFS struct {
	filesys.FS
	failDir string
}

func (f *linkFailFS) Link(oldDir, oldName, newDir, newName string) bool {
	if newDir == f.failDir {
		panic("filesys: Link: no space left on device (test)")
	}
	return f.FS.Link(oldDir, oldName, newDir, newName)
}

// A Commit to several mailboxes that fails part way is undone by Abort: no mailbox has the
// message (neither in the index nor on disk), the spool is empty and nothing is left open;
// the retry then gives each recipient one copy.
func TestCommitFailureIsUndone(t *testing.T) {
	for _, k := range fsKinds {
		t.Run(k.name, func(t *testing.T) {
			base := k.make(t)
			fs := &linkFailFS{FS: base, failDir: UserDir(2)}
			filesys.Use(fs)
			mb := Init(3, true)
			msg := payload(1, 5000)
			d := mb.Begin()
			mb.Write(d, msg)
			func() {
				defer func() {
					if recover() == nil {
						t.Fatal("Commit did not fail")
					}
				}()
				mb.Commit(d, []uint64{0, 1, 2})
			}()
			if d.Delivered() {
				t.Fatal("a failed Commit says delivered")
			}
			mb.Abort(d)
			for u := uint64(0); u < 3; u++ {
				if n := len(mb.List(u)); n != 0 {
					t.Errorf("user %d indexes %d messages after Abort", u, n)
				}
				mb.Unlock(u)
				if files := filesys.List(UserDir(u)); len(files) != 0 {
					t.Errorf("user %d has files %v after Abort", u, files)
				}
			}
			if spool := filesys.List(SpoolDir); len(spool) != 0 {
				t.Errorf("spool holds %v after Abort", spool)
			}
			if n := openFiles(base); n != 0 {
				t.Errorf("%d descriptors open after Abort", n)
			}
			fs.failDir = ""
			d = mb.Begin()
			mb.Write(d, msg[:100])
			mb.Write(d, msg[100:])
			mb.Commit(d, []uint64{0, 1, 2})
			for u := uint64(0); u < 3; u++ {
				msgs := mb.Pickup(u)
				mb.Unlock(u)
				if len(msgs) != 1 || msgs[0].Contents != string(msg) {
					t.Errorf("user %d after the retry: %d messages", u, len(msgs))
				}
			}
		})
	}
}

// Abort of a draft that was never committed removes its spool file and closes it.
func TestAbortBeforeCommit(t *testing.T) {
	for _, k := range fsKinds {
		t.Run(k.name, func(t *testing.T) {
			fs := k.make(t)
			filesys.Use(fs)
			mb := Init(1, false)
			d := mb.Begin()
			mb.Write(d, payload(2, 9000))
			mb.Abort(d)
			mb.Abort(d) // a second Abort does nothing
			if spool := filesys.List(SpoolDir); len(spool) != 0 {
				t.Errorf("spool holds %v", spool)
			}
			if n := openFiles(fs); n != 0 {
				t.Errorf("%d descriptors open", n)
			}
			if n := len(mb.List(0)); n != 0 {
				t.Errorf("%d messages delivered by an aborted draft", n)
			}
			mb.Unlock(0)
		})
	}
}

// List returns messages in arrival order, with their sizes, also after a restart; Read
// returns any piece of a message.
func TestArrivalOrderAndRead(t *testing.T) {
	fs := filesys.NewMemFS()
	filesys.Use(fs)
	mb := Init(1, true)
	var want [][]byte
	for i := 0; i < 25; i++ {
		msg := payload(i, 100*i)
		want = append(want, msg)
		if i%2 == 0 {
			mb.Deliver(0, msg)
		} else {
			d := mb.Begin()
			mb.Write(d, msg)
			mb.Commit(d, []uint64{0})
		}
	}
	check := func(mb *Mailboat, want [][]byte) {
		t.Helper()
		entries := mb.List(0)
		defer mb.Unlock(0)
		if len(entries) != len(want) {
			t.Fatalf("%d messages, want %d", len(entries), len(want))
		}
		for i, e := range entries {
			if e.Size != uint64(len(want[i])) {
				t.Fatalf("message %d: size %d, want %d (out of order?)", i, e.Size, len(want[i]))
			}
			var got []byte
			for off := uint64(0); off < e.Size; off += 37 {
				got = append(got, mb.Read(0, e.ID, off, 37)...)
			}
			if !bytes.Equal(got, want[i]) {
				t.Fatalf("message %d read in pieces differs", i)
			}
		}
	}
	check(mb, want)
	filesys.Use(fs.CrashProcess()) // the index is rebuilt from the names
	mb = Init(1, true)
	check(mb, want)
	last := payload(99, 3)
	mb.Deliver(0, last)
	check(mb, append(want, last))
}

// parseID reads back what messageID writes and refuses other names.
func TestMessageIDs(t *testing.T) {
	for _, c := range []struct{ seq, size uint64 }{{0, 0}, {7, 12}, {1 << 40, 10 << 20}, {^uint64(0) / 2, ^uint64(0)}} {
		id := messageID(c.seq, c.size)
		seq, size, ok := parseID(id)
		if !ok || seq != c.seq || size != c.size {
			t.Errorf("parseID(%q) = %d, %d, %v; want %d, %d", id, seq, size, ok, c.seq, c.size)
		}
	}
	for _, bad := range []string{"", "msg", "msg123", "msg0000000000000000000a.1", "msg00000000000000000001.",
		"msg00000000000000000001.x", "xsg00000000000000000001.1", "msg00000000000000000001-1",
		"msg00000000000000000001.123456789012345678901"} {
		if _, _, ok := parseID(bad); ok {
			t.Errorf("parseID(%q) accepted", bad)
		}
	}
	if a, b := messageID(9, 1), messageID(10, 1); a >= b {
		t.Errorf("IDs do not sort in arrival order: %q >= %q", a, b)
	}
}

// Deleting from a large mailbox in any order keeps List exact and in arrival order, across
// the compactions of the index, with deliveries in between.
func TestDeleteManyKeepsOrder(t *testing.T) {
	filesys.UseMem()
	mb := Init(1, false)
	const n = 5000
	for i := 0; i < n; i++ {
		mb.Deliver(0, payload(i, i%50))
	}
	entries := mb.List(0)
	var kept []Entry
	for i, e := range entries {
		if i%3 == 0 || i > n-10 {
			kept = append(kept, e)
			continue
		}
		mb.Delete(0, e.ID)
	}
	mb.Unlock(0)
	mb.Deliver(0, []byte("late"))
	got := mb.List(0)
	mb.Unlock(0)
	if len(got) != len(kept)+1 {
		t.Fatalf("%d messages listed, want %d", len(got), len(kept)+1)
	}
	for i, e := range kept {
		if got[i].ID != e.ID {
			t.Fatalf("entry %d is %s, want %s", i, got[i].ID, e.ID)
		}
	}
	if last := got[len(got)-1]; last.Size != 4 {
		t.Errorf("the late message is not last: %+v", last)
	}
}

// appendFailFS is a file system whose Append panics, as on a full disk.
type appendFailFS struct{ filesys.FS }

func (f *appendFailFS) Append(fd filesys.File, data []byte) {
	panic("filesys: Append: no space left on device (test)")
}

// A delivery that fails part way (Append panics) is undone by Abort: nothing open, no
// file left in the mailbox or the spool.
func TestDraftFailureIsUndone(t *testing.T) {
	for _, k := range fsKinds {
		t.Run(k.name, func(t *testing.T) {
			base := k.make(t)
			filesys.Use(&appendFailFS{base})
			mb := Init(1, true)
			var d *Draft
			func() {
				defer func() {
					if recover() == nil {
						t.Fatal("Write did not fail")
					}
				}()
				d = mb.Begin()
				mb.Write(d, payload(3, 10000))
				mb.Commit(d, []uint64{0})
			}()
			mb.Abort(d)
			if files := filesys.List(UserDir(0)); len(files) != 0 {
				t.Errorf("mailbox holds %v after Abort", files)
			}
			if files := filesys.List(SpoolDir); len(files) != 0 {
				t.Errorf("spool holds %v after Abort", files)
			}
			if n := openFiles(base); n != 0 {
				t.Errorf("%d descriptors open after Abort", n)
			}
			if n := len(mb.List(0)); n != 0 {
				t.Errorf("%d messages indexed", n)
			}
			mb.Unlock(0)
		})
	}
}
