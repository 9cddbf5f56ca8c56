package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"armada/mailboat/server"
)

func TestCheckLoopback(t *testing.T) {
	cases := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:25", true}, {"127.0.0.5:0", true}, {"[::1]:110", true}, {"localhost:2525", true},
		{"0.0.0.0:25", false}, {":25", false}, {"[::]:25", false}, {"10.0.0.1:25", false},
		{"example.org:25", false}, {"127.0.0.1", false},
	}
	for _, c := range cases {
		if err := checkLoopback(c.addr); (err == nil) != c.ok {
			t.Errorf("checkLoopback(%q) = %v, want ok=%v", c.addr, err, c.ok)
		}
	}
}

func TestAddUserCommand(t *testing.T) {
	users := filepath.Join(t.TempDir(), "users")
	cases := []struct {
		args  []string
		stdin string
		ok    bool
	}{
		{[]string{"-users", users, "-iterations", "1000", "alice"}, "secret\n", true},
		{[]string{"-users", users, "-iterations", "1000", "bob"}, "no newline", true},
		{[]string{"-users", users, "-iterations", "1000", "alice"}, "again\n", false},
		{[]string{"-users", users, "-iterations", "1000", "carol"}, "", false},
		{[]string{"-users", users, "-iterations", "10", "dave"}, "pw\n", false},
		{[]string{"-users", users, "../evil"}, "pw\n", false},
		{[]string{"erin"}, "pw\n", false},
	}
	for _, c := range cases {
		err := addUser(c.args, strings.NewReader(c.stdin))
		if (err == nil) != c.ok {
			t.Errorf("adduser %v: %v, want ok=%v", c.args, err, c.ok)
		}
	}
	us, err := server.LoadUsers(users)
	if err != nil || len(us.List()) != 2 {
		data, _ := os.ReadFile(users)
		t.Errorf("users file (%v) does not have the 2 users added:\n%s", err, data)
	}
}

func TestLockRoot(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lockRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lockRoot(dir); err == nil {
		t.Fatal("a second server could lock the same mail root")
	}
	unlock()
	unlock2, err := lockRoot(dir)
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	unlock2()
}

func TestServeRefusesBadFlags(t *testing.T) {
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	os.WriteFile(users, nil, 0o600)
	cases := [][]string{
		{"-root", dir, "-users", users, "-smtp", "0.0.0.0:0"},
		{"-root", dir, "-users", users, "-pop3", "192.168.1.1:0"},
		{"-users", users},
		{"-root", dir},
		{"-root", dir, "-users", filepath.Join(dir, "missing")},
	}
	for _, args := range cases {
		if err := serve(args); err == nil {
			t.Errorf("serve %v succeeded", args)
		}
	}
}
