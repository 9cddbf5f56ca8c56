package main

import (
	"os"
	"testing"
	"time"
)

// TestRunSmall runs each system's workload briefly on every core count the harness uses.
func TestRunSmall(t *testing.T) {
	cores, err := parseCores("1,2")
	if err != nil {
		t.Fatal(err)
	}
	for _, sys := range systems {
		for _, n := range cores {
			res, err := run(sys, t.TempDir(), n, 200*n)
			if err != nil {
				t.Fatalf("%s on %d cores: %v", sys.name, n, err)
			}
			if res.iterations != 200*n || res.rate() <= 0 || res.cpuRate() <= 0 {
				t.Errorf("%s on %d cores: %+v", sys.name, n, res)
			}
		}
	}
}

func TestParseCores(t *testing.T) {
	cases := []struct {
		in string
		ok bool
	}{{"1", true}, {"1, 2,4", true}, {"0", false}, {"x", false}, {"1,,2", false}}
	for _, c := range cases {
		if _, err := parseCores(c.in); (err == nil) != c.ok {
			t.Errorf("parseCores(%q): %v", c.in, err)
		}
	}
	if all, _ := parseCores(""); len(all) == 0 || all[0] != 1 {
		t.Errorf("default cores %v", all)
	}
}

func TestMain(m *testing.M) {
	if root := os.Getenv(serverChildEnv); root != "" {
		runServerChild(root)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSocketLoadSmall runs the socket-level load test briefly: messages go through SMTP
// and come back through POP3, and every number it reports is filled in.
func TestSocketLoadSmall(t *testing.T) {
	res, err := runSocketLoad(t.TempDir(), 1, 2, 1, 300*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if res.delivered == 0 || res.pickedUp == 0 || res.deliverP99 <= 0 || res.pickupP99 <= 0 || res.serverCPU <= 0 {
		t.Errorf("incomplete result: %+v", res)
	}
	if res.pickedUp > res.delivered {
		t.Errorf("picked up %d messages, more than the %d delivered", res.pickedUp, res.delivered)
	}
}
