package server

import (
	"net"
	"strconv"
	"strings"

	"armada/mailboat"
)

// pop3MaxCommand is RFC 2449's limit on a command line, in octets with CRLF.
const pop3MaxCommand = 255

// maildrop is the state of a POP3 session in the TRANSACTION state: the IDs and sizes of
// the messages List returned (numbered from 1 in this order, which is arrival order) and
// which of them DELE marked. Messages are read from the file system only for RETR and TOP,
// a piece at a time, so that a session's memory does not grow with the mailbox.
type maildrop struct {
	s       *Server
	user    *User
	msgs    []mailboat.Entry
	deleted []bool
}

func (s *Server) pop3Session(nc net.Conn) {
	c := newConn(nc, s.cfg.POP3Idle)
	c.reply("+OK Mailboat POP3 server ready")
	if c.flush() != nil {
		return
	}
	var drop *maildrop
	defer func() {
		if drop != nil { // the session ended without QUIT: delete nothing (RFC 1939 section 6)
			s.mb.Unlock(drop.user.ID)
			s.release(drop.user.ID)
		}
	}()
	var userName string
	errs, failedLogins := 0, 0
	for errs < maxErrors && failedLogins < 3 {
		line, tooLong, err := c.readLine(pop3MaxCommand)
		if err != nil {
			if isTimeout(err) {
				c.reply("-ERR idle too long, closing")
				c.flush()
			}
			return
		}
		verb, arg := splitCommand(line)
		ok := true
		switch {
		case tooLong:
			ok = false
			c.reply("-ERR line too long")
		case verb == "CAPA" && arg == "":
			c.reply("+OK capability list follows")
			for _, cap := range []string{"USER", "UIDL", "TOP", "PIPELINING", "RESP-CODES", "IMPLEMENTATION Mailboat"} {
				c.reply(cap)
			}
			c.reply(".")
		case verb == "NOOP" && drop != nil:
			c.reply("+OK")
		case verb == "QUIT":
			if drop == nil {
				c.reply("+OK bye")
			} else {
				c.reply(s.pop3Update(drop))
				drop = nil
			}
			c.flush()
			return
		case drop == nil && verb == "USER":
			userName = ""
			arg = strings.ToLower(arg) // as SMTP does with the local part
			if !ValidName(arg) {
				ok = false
				c.reply("-ERR invalid user name")
				break
			}
			userName = arg
			c.reply("+OK send PASS")
		case drop == nil && verb == "PASS":
			if userName == "" {
				ok = false
				c.reply("-ERR send USER first")
				break
			}
			// The password is everything after "PASS ", spaces included (RFC 1939 section 7).
			drop, ok = s.pop3Login(c, userName, string(line[min(5, len(line)):]))
			userName = ""
			if !ok {
				failedLogins++
			}
		case drop != nil:
			ok = pop3Transaction(c, drop, verb, arg)
		default:
			ok = false
			c.reply("-ERR unknown command or wrong state")
		}
		if !ok {
			errs++
		}
		if c.flushUnlessPipelined() != nil {
			return
		}
	}
	c.reply("-ERR too many errors, closing")
	c.flush()
}

// pop3Login checks the password and locks the maildrop: at once -ERR if another session
// holds it, never waiting.
func (s *Server) pop3Login(c *conn, name, password string) (*maildrop, bool) {
	u, ok := s.users.Check(name, password)
	if !ok {
		c.reply("-ERR [AUTH] invalid user name or password")
		return nil, false
	}
	if !s.claim(u.ID) {
		c.reply("-ERR [IN-USE] maildrop already locked by another session")
		return nil, false
	}
	msgs, ok := s.pickup(u.ID)
	if !ok {
		s.release(u.ID)
		c.reply("-ERR [SYS/TEMP] cannot read the maildrop, try again later")
		return nil, false
	}
	drop := &maildrop{s: s, user: u, msgs: msgs, deleted: make([]bool, len(msgs))}
	c.reply("+OK maildrop locked and ready, " + strconv.Itoa(len(msgs)) + " messages")
	return drop, true
}

// pickup runs the library's List; on a failure it releases the lock List took (it could
// panic only after taking it) and returns false.
func (s *Server) pickup(id uint64) (msgs []mailboat.Entry, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			s.cfg.Logger.Printf("pickup of mailbox %d failed: %v", id, r)
			s.mb.Unlock(id)
			msgs, ok = nil, false
		}
	}()
	return s.mb.List(id), true
}

// pop3Update commits the deletions (RFC 1939's UPDATE state) and unlocks the maildrop.
func (s *Server) pop3Update(drop *maildrop) (reply string) {
	defer s.release(drop.user.ID)
	defer s.mb.Unlock(drop.user.ID)
	defer func() {
		if r := recover(); r != nil {
			s.cfg.Logger.Printf("deleting from mailbox %d failed: %v", drop.user.ID, r)
			reply = "-ERR [SYS/TEMP] some deleted messages not removed"
		}
	}()
	for i, m := range drop.msgs {
		if drop.deleted[i] {
			s.mb.Delete(drop.user.ID, m.ID)
		}
	}
	return "+OK bye"
}

// message returns the index of the undeleted message numbered arg (from 1), or -1.
func (d *maildrop) message(arg string) int {
	n, err := strconv.ParseUint(arg, 10, 64)
	if err != nil || n < 1 || n > uint64(len(d.msgs)) || d.deleted[n-1] {
		return -1
	}
	return int(n - 1)
}

// pop3Transaction runs one command of the TRANSACTION state; false for an -ERR reply.
func pop3Transaction(c *conn, d *maildrop, verb, arg string) bool {
	args := strings.Fields(arg)
	switch {
	case verb == "STAT" && len(args) == 0:
		n, size := 0, 0
		for i, m := range d.msgs {
			if !d.deleted[i] {
				n, size = n+1, size+int(m.Size)
			}
		}
		c.reply("+OK " + strconv.Itoa(n) + " " + strconv.Itoa(size))
	case (verb == "LIST" || verb == "UIDL") && len(args) <= 1:
		info := func(i int) string {
			if verb == "LIST" {
				return strconv.Itoa(i+1) + " " + strconv.FormatUint(d.msgs[i].Size, 10)
			}
			return strconv.Itoa(i+1) + " " + d.msgs[i].ID
		}
		if len(args) == 1 {
			i := d.message(args[0])
			if i < 0 {
				c.reply("-ERR no such message")
				return false
			}
			c.reply("+OK " + info(i))
			break
		}
		c.reply("+OK listing follows")
		for i := range d.msgs {
			if !d.deleted[i] {
				c.reply(info(i))
			}
		}
		c.reply(".")
	case (verb == "RETR" && len(args) == 1) || (verb == "TOP" && len(args) == 2):
		i := d.message(args[0])
		lines := -1
		if verb == "TOP" {
			n, err := strconv.ParseUint(args[1], 10, 31)
			if err != nil {
				c.reply("-ERR syntax: TOP msg n")
				return false
			}
			lines = int(n)
		}
		if i < 0 {
			c.reply("-ERR no such message")
			return false
		}
		c.reply("+OK " + strconv.FormatUint(d.msgs[i].Size, 10) + " octets")
		if err := d.s.try(func() { d.send(c, d.msgs[i], lines) }); err != nil {
			// Part of the message is sent: the session cannot go on. It ends without
			// QUIT, so nothing is deleted.
			d.s.cfg.Logger.Printf("reading a message of mailbox %d failed: %v", d.user.ID, err)
			c.c.Close()
			return false
		}
	case verb == "DELE" && len(args) == 1:
		i := d.message(args[0])
		if i < 0 {
			c.reply("-ERR no such message")
			return false
		}
		d.deleted[i] = true
		c.reply("+OK message " + args[0] + " deleted")
	case verb == "RSET" && len(args) == 0:
		for i := range d.deleted {
			d.deleted[i] = false
		}
		c.reply("+OK")
	default:
		c.reply("-ERR unknown command or bad arguments")
		return false
	}
	return true
}

// readPiece is how much of a message RETR and TOP read at a time.
const readPiece = 16 << 10

// send streams message m as a byte-stuffed multi-line response (RFC 1939 section 3) ending
// in ".": all of it, or with bodyLines >= 0 its header, the blank line and that many lines
// of its body (TOP). Line ends are sent as CRLF whatever the file has.
func (d *maildrop) send(c *conn, m mailboat.Entry, bodyLines int) {
	st := stuffer{w: c, bodyLines: bodyLines, lineStart: true}
	for off := uint64(0); off < m.Size && !st.done; {
		piece := d.s.mb.Read(d.user.ID, m.ID, off, readPiece)
		if len(piece) == 0 {
			break // shorter than its size: send what there is
		}
		st.write(piece)
		off += uint64(len(piece))
	}
	st.end()
}

// stuffer turns a message, given in pieces, into the lines of a POP3 multi-line response.
type stuffer struct {
	w         *conn
	bodyLines int  // body lines still to send; -1 for all
	inBody    bool // past the blank line that ends the header
	lineStart bool // the next octet starts a line
	lineEmpty bool // the current line has no octets yet
	pendingCR bool // a CR was seen and not yet written: it may start a CRLF
	done      bool // TOP has sent its lines
}

func (st *stuffer) write(p []byte) {
	for _, b := range p {
		if st.done {
			return
		}
		if b == '\n' {
			st.pendingCR = false
			st.endLine()
			continue
		}
		if st.lineStart {
			st.startLine()
			if st.done {
				return
			}
			if b == '.' {
				st.w.w.WriteByte('.') // byte-stuffing
			}
		}
		if st.pendingCR {
			st.w.w.WriteByte('\r')
			st.pendingCR = false
		}
		if b == '\r' {
			st.pendingCR = true
			continue
		}
		st.w.w.WriteByte(b)
		st.lineEmpty = false
	}
}

// startLine is called at the first octet of a line (a line end counts as one).
func (st *stuffer) startLine() {
	st.lineStart, st.lineEmpty = false, true
	if st.inBody && st.bodyLines >= 0 {
		if st.bodyLines == 0 {
			st.done = true
			return
		}
		st.bodyLines--
	}
}

func (st *stuffer) endLine() {
	if st.lineStart {
		st.startLine()
		if st.done {
			return
		}
	}
	if !st.inBody && st.lineEmpty {
		st.inBody = true
	}
	st.w.w.WriteString("\r\n")
	st.lineStart = true
}

// end finishes the last line (a message need not end with a line end) and the response.
func (st *stuffer) end() {
	if !st.done && !st.lineStart {
		if st.pendingCR {
			st.w.w.WriteByte('\r')
		}
		st.w.w.WriteString("\r\n")
	}
	st.w.reply(".")
}
