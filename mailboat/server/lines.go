package server

import (
	"bufio"
	"bytes"
	"net"
	"time"
)

// conn is a session's connection with line-oriented, size-limited reading and deadlines.
type conn struct {
	c    net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	idle time.Duration
}

func newConn(c net.Conn, idle time.Duration) *conn {
	return &conn{c: c, r: bufio.NewReaderSize(c, 4096), w: bufio.NewWriterSize(c, 4096), idle: idle}
}

// readLine reads one line, terminated by LF (a CR before it is dropped), of at most max
// octets including the line end. A longer line is read to its end and discarded, and
// tooLong is true. The idle timeout applies to each line.
func (c *conn) readLine(max int) (line []byte, tooLong bool, err error) {
	c.c.SetReadDeadline(time.Now().Add(c.idle))
	var buf []byte
	for {
		part, err := c.r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(part) > max {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, part...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return nil, false, err
		}
		break
	}
	if tooLong {
		return nil, true, nil
	}
	buf = buf[:len(buf)-1]
	if n := len(buf); n > 0 && buf[n-1] == '\r' {
		buf = buf[:n-1]
	}
	return buf, false, nil
}

// reply buffers s followed by CRLF; flush sends the buffered replies.
func (c *conn) reply(s string) {
	c.w.WriteString(s)
	c.w.WriteString("\r\n")
}

// flush sends what reply buffered.
func (c *conn) flush() error {
	c.c.SetWriteDeadline(time.Now().Add(c.idle))
	return c.w.Flush()
}

// flushUnlessPipelined is flush after a command, except when the next command line is
// already waiting whole in the input buffer: replies to pipelined commands (RFC 2920, and
// POP3's PIPELINING) then go out together, in order, in one write instead of one write
// each. A client that waits for a reply has no complete command waiting, so it gets it.
func (c *conn) flushUnlessPipelined() error {
	if n := c.r.Buffered(); n > 0 {
		if b, _ := c.r.Peek(n); bytes.IndexByte(b, '\n') >= 0 {
			c.c.SetWriteDeadline(time.Now().Add(c.idle)) // for the buffer filling up meanwhile
			return nil
		}
	}
	return c.flush()
}

// readDataLine reads one line of SMTP DATA, which must arrive before deadline (and within
// the idle timeout). It returns the line without its terminator, whether the terminator
// was CRLF (anything else, a bare LF, is reported so that DATA can refuse it), and whether
// the line was longer than max octets with its CRLF, in which case it was read to its end
// and discarded (text is nil).
func (c *conn) readDataLine(max int, deadline time.Time) (text []byte, crlf, tooLong bool, err error) {
	d := time.Now().Add(c.idle)
	if deadline.Before(d) {
		d = deadline
	}
	c.c.SetReadDeadline(d)
	var buf []byte
	var last2 [2]byte // the last two octets of the line, for a long one
	n := 0
	for {
		part, err := c.r.ReadSlice('\n')
		n += len(part)
		if len(part) >= 2 {
			last2 = [2]byte{part[len(part)-2], part[len(part)-1]}
		} else if len(part) == 1 {
			last2 = [2]byte{last2[1], part[0]}
		}
		if !tooLong {
			if n > max {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, part...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return nil, false, false, err
		}
		break
	}
	crlf = last2 == [2]byte{'\r', '\n'}
	if tooLong {
		return nil, crlf, true, nil
	}
	buf = buf[:len(buf)-1]
	if crlf {
		buf = buf[:len(buf)-1]
	}
	return buf, crlf, false, nil
}
