package server

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestPBKDF2Vectors(t *testing.T) {
	// RFC 7914 section 11 and values computed with Python's hashlib.pbkdf2_hmac.
	cases := []struct {
		password, salt string
		iter, n        int
		want           string
	}{
		{"passwd", "salt", 1, 64, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"},
		{"Password", "NaCl", 80000, 64, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"},
		{"password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"},
		{"password", "salt", 4096, 20, "c5e478d59288c841aa530db6845c4c8d962893a0"},
	}
	for _, c := range cases {
		got := hex.EncodeToString(pbkdf2SHA256([]byte(c.password), []byte(c.salt), c.iter, c.n))
		if got != c.want {
			t.Errorf("PBKDF2(%q, %q, %d) = %s, want %s", c.password, c.salt, c.iter, got, c.want)
		}
	}
}

func TestUsersFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	for i, name := range []string{"alice", "bob", "c.d_e-f"} {
		u, err := AddUser(path, name, "pw-"+name, 1000)
		if err != nil || u.ID != uint64(i) {
			t.Fatalf("AddUser(%s) = %v, %v", name, u, err)
		}
	}
	bad := []struct{ name, password string }{
		{"alice", "again"}, {"", "x"}, {"../etc", "x"}, {"Alice", "x"}, {"a/b", "x"},
		{".hidden", "x"}, {strings.Repeat("a", 65), "x"}, {"zed", ""}, {"nul\x00", "x"},
	}
	for _, b := range bad {
		if _, err := AddUser(path, b.name, b.password, 1000); err == nil {
			t.Errorf("AddUser(%q, %q) succeeded", b.name, b.password)
		}
	}
	us, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	if us.Mailboxes() != 3 {
		t.Errorf("Mailboxes() = %d, want 3", us.Mailboxes())
	}
	checks := []struct {
		name, password string
		ok             bool
	}{
		{"alice", "pw-alice", true}, {"bob", "pw-bob", true}, {"alice", "pw-bob", false},
		{"alice", "", false}, {"nobody", "pw-alice", false}, {"alice", "pw-alice ", false},
	}
	for _, c := range checks {
		if _, ok := us.Check(c.name, c.password); ok != c.ok {
			t.Errorf("Check(%q, %q) = %v, want %v", c.name, c.password, ok, c.ok)
		}
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "pw-alice") {
		t.Error("the users file contains a password in clear")
	}
}

func TestLoadUsersRejectsBadFiles(t *testing.T) {
	good := "alice 0 pbkdf2-sha256 1000 00112233445566778899aabbccddeeff " + strings.Repeat("ab", 32)
	cases := map[string]string{
		"fields":    "alice 0 pbkdf2-sha256 1000 0011",
		"scheme":    strings.Replace(good, "pbkdf2-sha256", "md5", 1),
		"name":      strings.Replace(good, "alice", "../x", 1),
		"id":        strings.Replace(good, " 0 ", " -1 ", 1),
		"duplicate": good + "\n" + good,
		"same box":  good + "\n" + strings.Replace(good, "alice", "bob", 1),
		"salt":      strings.Replace(good, "00112233445566778899aabbccddeeff", "zz", 1),
	}
	for name, text := range cases {
		path := filepath.Join(t.TempDir(), "users")
		os.WriteFile(path, []byte(text+"\n"), 0o600)
		if _, err := LoadUsers(path); err == nil {
			t.Errorf("%s: LoadUsers accepted %q", name, text)
		}
	}
	path := filepath.Join(t.TempDir(), "users")
	os.WriteFile(path, []byte("# comment\n\n"+good+"\n"), 0o600)
	if us, err := LoadUsers(path); err != nil || us.Lookup("alice") == nil {
		t.Errorf("LoadUsers of a good file: %v", err)
	}
}

// Users added at the same time are all kept, with distinct mailbox numbers, and a removed
// user's number is not given again.
func TestAddUserConcurrentAndNoReuse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := AddUser(path, fmt.Sprintf("user%d", i), "pw", 1000); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	us, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[uint64]bool{}
	for _, u := range us.List() {
		ids[u.ID] = true
	}
	if len(us.List()) != 12 || len(ids) != 12 {
		t.Fatalf("%d users with %d distinct mailboxes after 12 concurrent adds", len(us.List()), len(ids))
	}
	last := us.List()[11]
	if _, err := DelUser(path, last.Name); err != nil {
		t.Fatal(err)
	}
	u, err := AddUser(path, "newcomer", "pw", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID <= last.ID {
		t.Errorf("newcomer got mailbox %d; %s had %d", u.ID, last.Name, last.ID)
	}
}
