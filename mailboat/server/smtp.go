package server

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"armada/mailboat"
)

// Limits from RFC 5321 section 4.5.3.1 (octets, including CRLF), and how many erroneous
// commands a session may send before it is closed.
const (
	smtpMaxCommand = 512
	smtpMaxText    = 1000
	smtpMaxPath    = 256
	maxErrors      = 20
)

// smtpTx is the mail transaction under way: the reverse path and the recipients so far.
type smtpTx struct {
	started bool
	from    string
	rcpts   []uint64
}

func (s *Server) smtpSession(nc net.Conn) {
	c := newConn(nc, s.cfg.IdleTimeout)
	c.reply("220 " + s.cfg.Hostname + " ESMTP Mailboat ready")
	if c.flush() != nil {
		return
	}
	var helo string
	var tx smtpTx
	errs := 0
	for errs < maxErrors {
		line, tooLong, err := c.readLine(smtpMaxCommand)
		if err != nil {
			if isTimeout(err) {
				c.reply("421 " + s.cfg.Hostname + " idle too long, closing")
				c.flush()
			}
			return
		}
		code := 0
		verb, arg := splitCommand(line)
		switch {
		case tooLong:
			code = 500
			c.reply("500 line too long")
		case verb == "HELO" || verb == "EHLO":
			if arg == "" || !printable(arg) {
				code = 501
				c.reply("501 syntax: " + verb + " domain")
				break
			}
			helo, tx = arg, smtpTx{}
			if verb == "HELO" {
				c.reply("250 " + s.cfg.Hostname)
				break
			}
			c.reply("250-" + s.cfg.Hostname + " greets " + arg)
			c.reply("250-SIZE " + strconv.Itoa(s.cfg.MaxMessage))
			c.reply("250-8BITMIME")
			c.reply("250 PIPELINING")
		case verb == "MAIL":
			code = s.smtpMail(c, helo, &tx, arg)
		case verb == "RCPT":
			code = s.smtpRcpt(c, &tx, arg)
		case verb == "DATA":
			if arg != "" {
				code = 501
				c.reply("501 syntax: DATA")
				break
			}
			if !tx.started || len(tx.rcpts) == 0 {
				code = 503
				c.reply("503 need MAIL and RCPT first")
				break
			}
			if !s.smtpData(c, helo, &tx) {
				return
			}
		case verb == "RSET":
			tx = smtpTx{}
			c.reply("250 OK")
		case verb == "NOOP":
			c.reply("250 OK")
		case verb == "VRFY":
			c.reply("252 cannot VRFY user, but will accept message and attempt delivery")
		case verb == "HELP":
			c.reply("214 commands: HELO EHLO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT")
		case verb == "QUIT":
			c.reply("221 " + s.cfg.Hostname + " closing connection")
			c.flush()
			return
		case verb == "EXPN" || verb == "STARTTLS" || verb == "AUTH" || verb == "TURN" || verb == "BDAT":
			code = 502
			c.reply("502 command not implemented")
		default:
			code = 500
			c.reply("500 command unrecognized")
		}
		if code >= 500 {
			errs++
		}
		if c.flushUnlessPipelined() != nil {
			return
		}
	}
	c.reply("421 " + s.cfg.Hostname + " too many errors, closing")
	c.flush()
}

// splitCommand splits a command line into its upper-cased verb and its argument.
func splitCommand(line []byte) (verb, arg string) {
	text := string(line)
	if i := strings.IndexByte(text, ' '); i >= 0 {
		return strings.ToUpper(text[:i]), strings.TrimSpace(text[i+1:])
	}
	return strings.ToUpper(text), ""
}

// printable reports whether s is non-empty visible ASCII and spaces.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return s != ""
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// parsePath parses "<path> params..." after "FROM:" or "TO:" (RFC 5321 section 4.1.2). It
// returns the address inside the angle brackets and the parameters.
func parsePath(arg, prefix string) (addr string, params []string, ok bool) {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return "", nil, false
	}
	rest := strings.TrimLeft(arg[len(prefix):], " ")
	end := strings.IndexByte(rest, '>')
	if !strings.HasPrefix(rest, "<") || end < 0 || end > smtpMaxPath || !printable(rest) {
		return "", nil, false
	}
	addr = rest[1:end]
	if strings.ContainsAny(addr, "<> ") {
		return "", nil, false
	}
	if i := strings.IndexByte(addr, ':'); i >= 0 && strings.HasPrefix(addr, "@") {
		addr = addr[i+1:] // an obsolete source route: drop it (section 4.1.1.3)
	}
	return addr, strings.Fields(rest[end+1:]), true
}

func (s *Server) smtpMail(c *conn, helo string, tx *smtpTx, arg string) int {
	if helo == "" {
		c.reply("503 send HELO or EHLO first")
		return 503
	}
	if tx.started {
		c.reply("503 nested MAIL command")
		return 503
	}
	from, params, ok := parsePath(arg, "FROM:")
	if !ok {
		c.reply("501 syntax: MAIL FROM:<address> [SIZE=n] [BODY=7BIT|8BITMIME]")
		return 501
	}
	for _, p := range params {
		key, val, _ := strings.Cut(strings.ToUpper(p), "=")
		switch {
		case key == "SIZE":
			n, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				c.reply("501 bad SIZE parameter")
				return 501
			}
			if n > uint64(s.cfg.MaxMessage) {
				c.reply("552 message size exceeds fixed maximum message size")
				return 552
			}
		case key == "BODY" && (val == "7BIT" || val == "8BITMIME"):
		default:
			c.reply("555 MAIL parameter not recognized or not implemented")
			return 555
		}
	}
	*tx = smtpTx{started: true, from: from}
	c.reply("250 OK")
	return 250
}

func (s *Server) smtpRcpt(c *conn, tx *smtpTx, arg string) int {
	if !tx.started {
		c.reply("503 need MAIL before RCPT")
		return 503
	}
	to, params, ok := parsePath(arg, "TO:")
	if !ok || len(params) > 0 {
		c.reply("501 syntax: RCPT TO:<address>")
		return 501
	}
	if len(tx.rcpts) >= s.cfg.MaxRecipients {
		c.reply("452 too many recipients")
		return 452
	}
	local, domain, hasDomain := strings.Cut(to, "@")
	if hasDomain && !strings.EqualFold(domain, s.cfg.Domain) {
		c.reply("550 relay not permitted: not a local domain")
		return 550
	}
	u := s.recipient(strings.ToLower(local))
	if u == nil {
		c.reply("550 no such user here")
		return 550
	}
	for _, id := range tx.rcpts {
		if id == u.ID {
			c.reply("250 OK (duplicate recipient)")
			return 250
		}
	}
	tx.rcpts = append(tx.rcpts, u.ID)
	c.reply("250 OK")
	return 250
}

// recipient is the user that local names: a user of that name, or for "postmaster"
// (which RFC 5321 section 4.5.1 requires) the user with the smallest mailbox number.
func (s *Server) recipient(local string) *User {
	if u := s.users.Lookup(local); u != nil || local != "postmaster" {
		return u
	}
	var first *User
	for _, u := range s.users.byName {
		if first == nil || u.ID < first.ID {
			first = u
		}
	}
	return first
}

// dataChunk is how much of a message a session buffers before writing it to the spool:
// with the reader's and writer's buffers, about what a session costs in memory whatever
// the size of the message.
const dataChunk = 16 << 10

// smtpData reads the message after DATA, streaming it into a spool file, and delivers it;
// false means the connection is gone.
//
// Only <CRLF>.<CRLF> ends the data (RFC 5321 section 4.1.1.4): a "." line after a bare LF,
// or ended by one, is not an end. A message with a bare LF or a bare CR anywhere (RFC 5321
// section 2.3.8 forbids them) is read to its real end and refused with 554, so that no
// reading of the line ends, by this server or by one it passes the mail to, can make one
// message into two (SMTP smuggling).
func (s *Server) smtpData(c *conn, helo string, tx *smtpTx) bool {
	defer func() { *tx = smtpTx{} }()
	c.reply("354 end data with <CRLF>.<CRLF>")
	if c.flush() != nil {
		return false
	}
	deadline := time.Now().Add(s.cfg.DataTimeout)
	sp := s.newSpool(c.c, helo, tx)
	defer sp.abort() // no-op once delivered; frees the spool on every other way out
	oversize, tooLong, bare := false, false, false
	afterCRLF := true // the 354 line ended with CRLF
	size := 0
	for {
		line, crlf, long, err := c.readDataLine(smtpMaxText, deadline)
		if err != nil {
			if isTimeout(err) {
				c.reply("421 4.4.2 " + s.cfg.Hostname + " DATA took too long, closing")
				c.flush()
			}
			return false // nothing is delivered from an interrupted DATA
		}
		if afterCRLF && crlf && len(line) == 1 && line[0] == '.' {
			break
		}
		afterCRLF = crlf
		if !crlf || bytes.IndexByte(line, '\r') >= 0 {
			bare = true
		}
		tooLong = tooLong || long
		if len(line) > 0 && line[0] == '.' {
			line = line[1:] // dot-unstuffing, section 4.5.2
		}
		size += len(line) + 2
		if size > s.cfg.MaxMessage {
			oversize = true
		}
		if oversize || tooLong || bare {
			sp.abort() // it will not be delivered: give the disk space back now
			continue
		}
		sp.write(line)
		sp.write([]byte("\r\n"))
	}
	switch {
	case bare:
		c.reply("554 5.6.0 bare CR or LF in the message (lines must end with CRLF); not delivered")
	case oversize:
		c.reply("552 message size exceeds fixed maximum message size")
	case tooLong:
		c.reply("500 line too long (the limit is 1000 octets with CRLF)")
	default:
		if err := sp.commit(tx.rcpts); err != nil {
			s.cfg.Logger.Printf("delivery failed: %v", err)
			c.reply("451 4.3.0 local error in processing, not delivered to any recipient; try again later")
			break
		}
		c.reply("250 OK message delivered")
	}
	return true
}

// spool is a message being received, with the trace headers of RFC 5321 section 4.4 at its
// start, buffered dataChunk octets at a time: the buffer goes to a library draft from Begin
// whenever it fills and at the end, and the draft is delivered to every recipient with
// Commit. The library panics when a file-system call fails; spool turns that into an error
// and aborts the draft, which closes its descriptor and removes its files, so that a full
// disk leaks nothing.
type spool struct {
	s     *Server
	draft *mailboat.Draft // nil while the whole message is in buf
	buf   []byte
	err   error
	done  bool // delivered or aborted
}

func (s *Server) newSpool(nc net.Conn, helo string, tx *smtpTx) *spool {
	sp := &spool{s: s, buf: make([]byte, 0, dataChunk)}
	ip := "unknown"
	if a, ok := nc.RemoteAddr().(*net.TCPAddr); ok {
		ip = a.IP.String()
	}
	sp.write([]byte(fmt.Sprintf("Return-Path: <%s>\r\nReceived: from %s ([%s])\r\n\tby %s (Mailboat) with ESMTP;\r\n\t%s\r\n",
		tx.from, helo, ip, s.cfg.Hostname, time.Now().Format(time.RFC1123Z))))
	return sp
}

// write buffers p, writing the buffer to the draft when it is full; after a failure it
// only drops p (the draft is aborted at once).
func (sp *spool) write(p []byte) {
	if sp.done {
		return
	}
	if len(sp.buf)+len(p) > cap(sp.buf) {
		sp.flush()
		if sp.done {
			return
		}
	}
	sp.buf = append(sp.buf, p...)
}

// flush writes the buffer to the draft, starting the draft first if need be.
func (sp *spool) flush() {
	if len(sp.buf) == 0 || sp.done {
		return
	}
	sp.err = sp.s.try(func() {
		if sp.draft == nil {
			sp.draft = sp.s.mb.Begin()
		}
		sp.s.mb.Write(sp.draft, sp.buf)
	})
	sp.buf = sp.buf[:0]
	if sp.err != nil {
		sp.abort()
	}
}

// commit delivers the message to every recipient, or to none: a delivery that fails before
// its linearization point is undone by Abort, and the sender's retry cannot duplicate it.
func (sp *spool) commit(rcpts []uint64) error {
	sp.flush()
	if sp.done {
		if sp.err == nil {
			sp.err = errors.New("message already aborted")
		}
		return sp.err
	}
	if sp.draft == nil { // nothing was buffered (the trace headers always are)
		if err := sp.s.try(func() { sp.draft = sp.s.mb.Begin() }); err != nil {
			sp.done, sp.err = true, err
			return err
		}
	}
	return sp.finish(sp.s.try(func() { sp.s.mb.Commit(sp.draft, rcpts) }))
}

// finish ends a delivery that returned err: success, a failure after the linearization
// point (delivered; only the clean-up failed, and Recover finishes it), or a failure that
// Abort undoes.
func (sp *spool) finish(err error) error {
	if err != nil && sp.draft.Delivered() {
		sp.s.cfg.Logger.Printf("delivered, but cleaning up failed: %v", err)
		err = nil
	}
	if err == nil {
		sp.done = true
		return nil
	}
	sp.err = err
	sp.abort()
	return err
}

// abort undoes the draft unless it was delivered or aborted already.
func (sp *spool) abort() {
	if sp.done {
		return
	}
	sp.done = true
	sp.buf = nil
	if sp.draft == nil {
		return
	}
	if err := sp.s.try(func() { sp.s.mb.Abort(sp.draft) }); err != nil {
		sp.s.cfg.Logger.Printf("removing an undelivered message failed (Recover removes it): %v", err)
	}
}

// try runs f, turning a panic of the library (a failed file-system call) into an error.
func (s *Server) try(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}
