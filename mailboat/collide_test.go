package mailboat

import (
	"testing"

	"armada/goose/machine/filesys"
)

// collidingFS is a MemFS on which the first creates and links fail as if the random name
// were taken, so that Deliver's retry loops run.
type collidingFS struct {
	*filesys.MemFS
	creates, links int // failures still to fake
	tried          map[string]bool
}

func (c *collidingFS) Create(dir, name string) (filesys.File, bool) {
	c.tried["create "+name] = true
	if c.creates > 0 {
		c.creates--
		return filesys.File{}, false
	}
	return c.MemFS.Create(dir, name)
}

func (c *collidingFS) Link(oldDir, oldName, newDir, newName string) bool {
	c.tried["link "+newName] = true
	if c.links > 0 {
		c.links--
		return false
	}
	return c.MemFS.Link(oldDir, oldName, newDir, newName)
}

func TestDeliverRetriesTakenNames(t *testing.T) {
	cases := []struct {
		creates, links int
		streamed       bool // Begin, Write, Commit instead of Deliver
	}{{0, 0, false}, {1, 0, false}, {5, 0, false}, {0, 1, false}, {5, 7, false}, {0, 0, true}, {1, 0, true}, {0, 1, true}, {5, 7, true}}
	for _, c := range cases {
		fs := &collidingFS{MemFS: filesys.NewMemFS(), creates: c.creates, links: c.links, tried: map[string]bool{}}
		filesys.Use(fs)
		mb := Init(1, true)
		want := c.creates + c.links + 2 // both write a spool file and link it into the mailbox
		if c.streamed {
			d := mb.Begin()
			mb.Write(d, []byte("through collisions"))
			mb.Commit(d, []uint64{0})
		} else {
			mb.Deliver(0, []byte("through collisions"))
		}
		msgs := mb.Pickup(0)
		mb.Unlock(0)
		if len(msgs) != 1 || msgs[0].Contents != "through collisions" {
			t.Fatalf("%+v: got %v", c, msgs)
		}
		if len(fs.tried) != want {
			t.Errorf("%+v: %d distinct names tried, want %d (a retry must pick a new name)", c, len(fs.tried), want)
		}
		if spool := filesys.List(SpoolDir); len(spool) != 0 {
			t.Errorf("%+v: spool left with %v", c, spool)
		}
	}
}
