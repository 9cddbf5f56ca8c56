package server

import (
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSMTPDialogues(t *testing.T) {
	type step struct{ cmd, want string }
	cases := []struct {
		name  string
		steps []step
	}{
		{"ehlo advertises", []step{{"EHLO c.example", "250-localhost"}}},
		{"helo", []step{{"HELO c.example", "250 localhost"}}},
		{"helo needs a domain", []step{{"HELO", "501"}}},
		{"mail before helo", []step{{"MAIL FROM:<a@b>", "503"}}},
		{"rcpt before mail", []step{{"HELO x", "250"}, {"RCPT TO:<alice@localhost>", "503"}}},
		{"data before rcpt", []step{{"HELO x", "250"}, {"MAIL FROM:<a@b>", "250"}, {"DATA", "503"}}},
		{"nested mail", []step{{"HELO x", "250"}, {"MAIL FROM:<a@b>", "250"}, {"MAIL FROM:<a@b>", "503"}}},
		{"null sender", []step{{"HELO x", "250"}, {"MAIL FROM:<>", "250"}}},
		{"lower case and params", []step{{"ehlo x", "250"}, {"mail from:<a@b> BODY=8BITMIME SIZE=100", "250"}}},
		{"size too big", []step{{"EHLO x", "250"}, {"MAIL FROM:<a@b> SIZE=99999999999", "552"}}},
		{"bad size", []step{{"EHLO x", "250"}, {"MAIL FROM:<a@b> SIZE=ten", "501"}}},
		{"unknown param", []step{{"EHLO x", "250"}, {"MAIL FROM:<a@b> FOO=1", "555"}}},
		{"bad path", []step{{"EHLO x", "250"}, {"MAIL FROM:a@b", "501"}}},
		{"unknown user", []step{{"HELO x", "250"}, {"MAIL FROM:<a@b>", "250"}, {"RCPT TO:<nobody@localhost>", "550"}}},
		{"other domain", []step{{"HELO x", "250"}, {"MAIL FROM:<a@b>", "250"}, {"RCPT TO:<alice@elsewhere.org>", "550"}}},
		{"path escape", []step{{"HELO x", "250"}, {"MAIL FROM:<a@b>", "250"}, {"RCPT TO:<../../etc/passwd@localhost>", "550"}}},
		{"postmaster", []step{{"HELO x", "250"}, {"MAIL FROM:<a@b>", "250"}, {"RCPT TO:<Postmaster>", "250"}}},
		{"source route", []step{{"HELO x", "250"}, {"MAIL FROM:<a@b>", "250"}, {"RCPT TO:<@relay.org:bob@localhost>", "250"}}},
		{"rset", []step{{"HELO x", "250"}, {"MAIL FROM:<a@b>", "250"}, {"RSET", "250"}, {"RCPT TO:<bob@localhost>", "503"}}},
		{"noop vrfy help", []step{{"NOOP", "250"}, {"VRFY bob", "252"}, {"HELP", "214"}}},
		{"not implemented", []step{{"EXPN list", "502"}, {"STARTTLS", "502"}}},
		{"unknown", []step{{"FOO", "500"}, {"", "500"}}},
		{"overlong command", []step{{"NOOP " + strings.Repeat("x", 600), "500"}, {"NOOP", "250"}}},
		{"quit", []step{{"QUIT", "221"}}},
	}
	ts := startServer(t, Config{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := dial(t, ts.smtp)
			for _, s := range c.steps {
				if got := cl.smtp(s.cmd); !strings.HasPrefix(got, s.want) {
					t.Fatalf("%.40q: got %q, want %s...", s.cmd, got, s.want)
				}
			}
		})
	}
}

func TestSMTPEhloExtensions(t *testing.T) {
	ts := startServer(t, Config{MaxMessage: 5000})
	got := dial(t, ts.smtp).smtp("EHLO x")
	for _, ext := range []string{"SIZE 5000", "8BITMIME", "PIPELINING"} {
		if !strings.Contains(got, ext) {
			t.Errorf("EHLO reply %q lacks %s", got, ext)
		}
	}
}

func TestSMTPDelivery(t *testing.T) {
	ts := startServer(t, Config{})
	body := "Subject: hi\r\n\r\nline one\r\n..dot line\r\n.\tsecond dot\r\n\r\n"
	if rep := sendMail(t, ts.smtp, []string{"alice@localhost", "BOB@LOCALHOST", "alice"}, body); !strings.HasPrefix(rep, "250") {
		t.Fatalf("DATA: %s", rep)
	}
	want := "Subject: hi\r\n\r\nline one\r\n.dot line\r\n\tsecond dot\r\n\r\n"
	for _, u := range []string{"alice", "bob"} {
		box := ts.mailbox(u)
		if len(box) != 1 || !strings.HasSuffix(box[0], want) || !strings.HasPrefix(box[0], "Return-Path: <sender@example.org>\r\nReceived: from test") {
			t.Fatalf("%s's mailbox: %q", u, box)
		}
	}
	if box := ts.mailbox("carol"); len(box) != 0 {
		t.Fatalf("carol got mail: %q", box)
	}
}

func TestSMTPLimits(t *testing.T) {
	ts := startServer(t, Config{MaxMessage: 2000, MaxRecipients: 2})
	cases := []struct {
		name, body, want string
	}{
		{"too big", strings.Repeat("0123456789\r\n", 300), "552"},
		{"line too long", strings.Repeat("x", 1200) + "\r\n", "500"},
		{"just fits", strings.Repeat("x", 998) + "\r\n", "250"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(ts.mailbox("carol"))
			cl := dial(t, ts.smtp)
			cl.smtp("HELO x")
			cl.smtp("MAIL FROM:<a@b>")
			cl.smtp("RCPT TO:<carol@localhost>")
			cl.smtp("DATA")
			cl.send(c.body + ".\r\n")
			if got := cl.smtpReply(); !strings.HasPrefix(got, c.want) {
				t.Fatalf("got %q, want %s", got, c.want)
			}
			delivered := len(ts.mailbox("carol")) - before
			if (c.want == "250") != (delivered == 1) {
				t.Fatalf("%d messages delivered after %s", delivered, c.want)
			}
			if got := cl.smtp("NOOP"); got != "250 OK" {
				t.Fatalf("session unusable after the limit: %q", got)
			}
		})
	}
	t.Run("recipients", func(t *testing.T) {
		cl := dial(t, ts.smtp)
		cl.smtp("HELO x")
		cl.smtp("MAIL FROM:<a@b>")
		for i, want := range []string{"250", "250", "452"} {
			if got := cl.smtp("RCPT TO:<" + []string{"alice", "bob", "carol"}[i] + ">"); !strings.HasPrefix(got, want) {
				t.Fatalf("RCPT %d: %q, want %s", i, got, want)
			}
		}
	})
}

func TestSMTPPipelining(t *testing.T) {
	ts := startServer(t, Config{})
	cl := dial(t, ts.smtp)
	cl.send("EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<alice>\r\nRCPT TO:<nobody>\r\nRCPT TO:<bob>\r\nDATA\r\n")
	for _, want := range []string{"250", "250", "250", "550", "250", "354"} {
		if got := cl.smtpReply(); !strings.HasPrefix(got, want) {
			t.Fatalf("got %q, want %s", got, want)
		}
	}
	cl.send("piped\r\n.\r\nRSET\r\nQUIT\r\n")
	for _, want := range []string{"250", "250", "221"} {
		if got := cl.smtpReply(); !strings.HasPrefix(got, want) {
			t.Fatalf("got %q, want %s", got, want)
		}
	}
	if len(ts.mailbox("alice")) != 1 || len(ts.mailbox("bob")) != 1 {
		t.Fatal("pipelined message not delivered to both")
	}
}

func TestSMTPRobustness(t *testing.T) {
	ts := startServer(t, Config{IdleTimeout: 300 * time.Millisecond})
	t.Run("disconnect mid-DATA", func(t *testing.T) {
		cl := dial(t, ts.smtp)
		cl.smtp("HELO x")
		cl.smtp("MAIL FROM:<a@b>")
		cl.smtp("RCPT TO:<alice>")
		cl.smtp("DATA")
		cl.send("half a message\r\nand no end")
		cl.c.Close()
	})
	t.Run("binary garbage", func(t *testing.T) {
		r := rand.New(rand.NewSource(1))
		cl := dial(t, ts.smtp)
		garbage := make([]byte, 64<<10)
		r.Read(garbage)
		cl.c.Write(garbage)
		if !cl.closed() {
			t.Fatal("server kept a session sending garbage")
		}
	})
	t.Run("idle timeout", func(t *testing.T) {
		cl := dial(t, ts.smtp)
		if got := cl.line(); !strings.HasPrefix(got, "421") {
			t.Fatalf("idle session got %q, want 421", got)
		}
	})
	time.Sleep(50 * time.Millisecond)
	if box := ts.mailbox("alice"); len(box) != 0 {
		t.Fatalf("an interrupted DATA delivered %q", box)
	}
	if rep := sendMail(t, ts.smtp, []string{"alice"}, "still up\r\n"); !strings.HasPrefix(rep, "250") {
		t.Fatalf("server unusable after abuse: %s", rep)
	}
}

func TestSMTPConcurrentClients(t *testing.T) {
	const clients, each = 8, 10
	// A client's next session may arrive before the server has released its previous one
	// (the server sees the EOF after QUIT later), so the per-address limit is raised to
	// what the test could ever hold: it is tested on its own, not here.
	ts := startServer(t, Config{MaxPerAddress: clients * each})
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if rep := sendMail(t, ts.smtp, []string{"bob"}, fmt.Sprintf("msg %d %d\r\n", c, i)); !strings.HasPrefix(rep, "250") {
					t.Errorf("client %d: %s", c, rep)
				}
			}
		}(c)
	}
	wg.Wait()
	if n := len(ts.mailbox("bob")); n != clients*each {
		t.Fatalf("%d messages, want %d", n, clients*each)
	}
}
