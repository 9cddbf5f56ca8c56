// Package server implements Mailboat's SMTP (RFC 5321) and POP3 (RFC 1939) servers over
// the mailboat library: SMTP delivers into mailboxes, POP3 lets a user read and delete the
// mail of their own mailbox, which stays locked for the session.
package server

import (
	"errors"
	"log"
	"net"
	"sync"
	"time"

	"armada/mailboat"
)

// Config holds the servers' limits and names. The zero value of a field means its default.
type Config struct {
	Hostname       string        // name in greetings and trace headers; "localhost"
	Domain         string        // mail domain whose users SMTP accepts; "localhost"
	MaxMessage     int           // largest message SMTP accepts, in octets; 10 MiB
	MaxRecipients  int           // RCPT TO commands a message may have; 100
	IdleTimeout    time.Duration // an SMTP session idle this long is closed; 5 minutes (RFC 5321 4.5.3.2.7)
	POP3Idle       time.Duration // the same for POP3; 10 minutes (RFC 1939's autologout minimum)
	DataTimeout    time.Duration // the whole of an SMTP DATA must arrive within this; 10 minutes
	MaxConnections int           // per protocol, at the same time; 200
	MaxPerAddress  int           // per protocol and client IP address, at the same time; 10
	Reserved       int           // of MaxConnections, kept for addresses with no connection; MaxConnections/5
	Logger         *log.Logger   // where problems are reported; log.Default()
}

func (c *Config) fill() {
	if c.Hostname == "" {
		c.Hostname = "localhost"
	}
	if c.Domain == "" {
		c.Domain = "localhost"
	}
	if c.MaxMessage == 0 {
		c.MaxMessage = 10 << 20
	}
	if c.MaxRecipients == 0 {
		c.MaxRecipients = 100
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = 5 * time.Minute
	}
	if c.POP3Idle == 0 {
		c.POP3Idle = 10 * time.Minute
	}
	if c.DataTimeout == 0 {
		c.DataTimeout = 10 * time.Minute
	}
	if c.MaxConnections == 0 {
		c.MaxConnections = 200
	}
	if c.MaxPerAddress == 0 {
		c.MaxPerAddress = 10
	}
	if c.Reserved == 0 {
		c.Reserved = c.MaxConnections / 5
	}
	if c.Logger == nil {
		c.Logger = log.Default()
	}
}

// Server serves SMTP and POP3 over one mailboat library.
type Server struct {
	mb    *mailboat.Mailboat
	users *Users
	cfg   Config

	mu        sync.Mutex
	maildrops map[uint64]bool // mailboxes locked by a POP3 session
	listeners []net.Listener
	conns     map[net.Conn]bool
	active    map[string]int // live sessions per protocol ("smtp", "pop3")
	perAddr   map[string]int // live sessions per protocol and client IP ("smtp 127.0.0.1")
	closed    bool
	wg        sync.WaitGroup
}

// New returns a server delivering into mb for the given users; mb must have at least
// users.Mailboxes() mailboxes.
func New(mb *mailboat.Mailboat, users *Users, cfg Config) *Server {
	cfg.fill()
	return &Server{mb: mb, users: users, cfg: cfg, maildrops: map[uint64]bool{}, conns: map[net.Conn]bool{},
		active: map[string]int{}, perAddr: map[string]int{}}
}

// ServeSMTP accepts SMTP sessions on l until Close.
func (s *Server) ServeSMTP(l net.Listener) error {
	return s.serve(l, "smtp", s.smtpSession, "421 4.3.2 too many connections, try later\r\n")
}

// ServePOP3 accepts POP3 sessions on l until Close.
func (s *Server) ServePOP3(l net.Listener) error {
	return s.serve(l, "pop3", s.pop3Session, "-ERR [SYS/TEMP] too many connections, try later\r\n")
}

func (s *Server) serve(l net.Listener, proto string, session func(net.Conn), busy string) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return errors.New("server closed")
	}
	s.listeners = append(s.listeners, l)
	s.mu.Unlock()
	for {
		c, err := l.Accept()
		if err != nil {
			if s.isClosed() {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			return err
		}
		key := proto + " " + clientIP(c)
		if ok, open := s.admit(c, proto, key); !ok {
			if open {
				c.SetWriteDeadline(time.Now().Add(time.Second))
				c.Write([]byte(busy))
			}
			c.Close()
			continue
		}
		go func() {
			defer s.wg.Done()
			defer s.leave(c, proto, key)
			defer c.Close()
			defer func() {
				if r := recover(); r != nil {
					s.cfg.Logger.Printf("session from %v ended by an internal error: %v", c.RemoteAddr(), r)
				}
			}()
			session(c)
		}()
	}
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// clientIP is the IP address a connection comes from, the unit of the per-address limit.
func clientIP(c net.Conn) string {
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		return a.IP.String()
	}
	return c.RemoteAddr().String()
}

// admit records a new session of proto from the address key, counting it in wg, if the
// limits allow: at most MaxPerAddress sessions from one address, at most MaxConnections in
// all, and the last Reserved of those only for an address that has none yet, so that the
// clients of a few addresses (slow or hostile) cannot take every slot. open is false after
// Close (say nothing), true when the client should be told to try later.
func (s *Server) admit(c net.Conn, proto, key string) (ok, open bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false, false
	}
	total, mine := s.active[proto], s.perAddr[key]
	if mine >= s.cfg.MaxPerAddress || total >= s.cfg.MaxConnections ||
		(mine > 0 && total >= s.cfg.MaxConnections-s.cfg.Reserved) {
		return false, true
	}
	s.active[proto]++
	s.perAddr[key]++
	s.conns[c] = true
	s.wg.Add(1)
	return true, true
}

// leave forgets a session that admit recorded.
func (s *Server) leave(c net.Conn, proto, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	s.active[proto]--
	if s.perAddr[key]--; s.perAddr[key] == 0 {
		delete(s.perAddr, key)
	}
}

// Close stops the listeners, closes every session (a POP3 session closed this way deletes
// nothing) and waits for them to end.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	for _, l := range s.listeners {
		l.Close()
	}
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// claim locks user's maildrop for a POP3 session; false if another session has it.
func (s *Server) claim(id uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maildrops[id] {
		return false
	}
	s.maildrops[id] = true
	return true
}

func (s *Server) release(id uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.maildrops, id)
}
