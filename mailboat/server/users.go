package server

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// DefaultIterations is the PBKDF2 iteration count AddUser uses for new password hashes.
const DefaultIterations = 100000

// MaxUsers bounds the number of mailboxes (and so the largest user id plus one).
const MaxUsers = 100000

// User is one line of the users file: a login name, the mailbox number the library knows
// the user by, and a salted PBKDF2-HMAC-SHA256 hash of the password.
type User struct {
	Name       string
	ID         uint64
	Iterations int
	Salt       []byte
	Hash       []byte
}

// Users is the parsed users file, keyed by login name.
type Users struct {
	byName map[string]*User
	next   uint64 // the next mailbox number to give: never one a user had, even a removed one
	work   int    // PBKDF2 iterations every password check costs: the most any user has (0: none)
}

// The users file has one user a line, fields separated by single spaces:
//
//	name id pbkdf2-sha256 iterations salt-hex hash-hex
//
// and a line "next-id N" says that no mailbox number below N may be given to a new user
// (AddUser and DelUser keep it up to date, so that a number is never reused, even after its
// user is removed). Blank lines and lines starting with '#' are ignored.
const hashScheme = "pbkdf2-sha256"

const nextIDKey = "next-id"

// ValidName reports whether name can be a login name: 1 to 64 characters among lower-case
// letters, digits, '.', '_' and '-', not starting with '.' or '-'. Names never become file
// names (mailboxes are numbered), but keeping them plain keeps logs and addresses simple.
func ValidName(name string) bool {
	if len(name) == 0 || len(name) > 64 || name[0] == '.' || name[0] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// LoadUsers reads the users file at path. A missing file is an error; an empty one is not.
func LoadUsers(path string) (*Users, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	us := &Users{byName: map[string]*User{}}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		if rest, ok := strings.CutPrefix(text, nextIDKey+" "); ok {
			n, err := strconv.ParseUint(rest, 10, 64)
			if err != nil || n > MaxUsers {
				return nil, fmt.Errorf("%s:%d: invalid %s %q (0 to %d)", path, line, nextIDKey, rest, MaxUsers)
			}
			us.next = max(us.next, n)
			continue
		}
		u, err := parseUser(text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if us.byName[u.Name] != nil {
			return nil, fmt.Errorf("%s:%d: user %q listed twice", path, line, u.Name)
		}
		for _, o := range us.byName {
			if o.ID == u.ID {
				return nil, fmt.Errorf("%s:%d: mailbox %d of %q is also %q's", path, line, u.ID, u.Name, o.Name)
			}
		}
		us.byName[u.Name] = u
		us.next = max(us.next, u.ID+1)
		us.work = max(us.work, u.Iterations)
	}
	return us, sc.Err()
}

func parseUser(text string) (*User, error) {
	fields := strings.Split(text, " ")
	if len(fields) != 6 || fields[2] != hashScheme {
		return nil, errors.New("want: name id " + hashScheme + " iterations salt-hex hash-hex")
	}
	u := &User{Name: fields[0]}
	if !ValidName(u.Name) {
		return nil, fmt.Errorf("invalid user name %q", u.Name)
	}
	var err error
	if u.ID, err = strconv.ParseUint(fields[1], 10, 64); err != nil || u.ID >= MaxUsers {
		return nil, fmt.Errorf("invalid mailbox number %q (0 to %d)", fields[1], MaxUsers-1)
	}
	if u.Iterations, err = strconv.Atoi(fields[3]); err != nil || u.Iterations < 1 {
		return nil, fmt.Errorf("invalid iteration count %q", fields[3])
	}
	if u.Salt, err = hex.DecodeString(fields[4]); err != nil || len(u.Salt) < 8 {
		return nil, errors.New("invalid salt: want at least 8 bytes in hex")
	}
	if u.Hash, err = hex.DecodeString(fields[5]); err != nil || len(u.Hash) != 32 {
		return nil, errors.New("invalid hash: want 32 bytes in hex")
	}
	return u, nil
}

// Mailboxes is the number of mailboxes the library needs: one more than the largest id.
func (us *Users) Mailboxes() uint64 {
	return us.next
}

// List returns every user, in mailbox order.
func (us *Users) List() []*User {
	list := make([]*User, 0, len(us.byName))
	for _, u := range us.byName {
		list = append(list, u)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	return list
}

// Lookup returns the user called name, or nil.
func (us *Users) Lookup(name string) *User {
	return us.byName[name]
}

// Check returns the user called name if password is theirs. Every check does the same
// work, the largest iteration count of any user (DefaultIterations if there is none),
// whether the name is unknown or its user has fewer iterations: how long a wrong password
// takes to refuse says nothing about which names exist.
func (us *Users) Check(name, password string) (*User, bool) {
	u := us.byName[name]
	work := us.work
	if work == 0 {
		work = DefaultIterations
	}
	if u == nil {
		pbkdf2SHA256([]byte(password), []byte("unknown-user-salt"), work, 32)
		return nil, false
	}
	got := pbkdf2SHA256([]byte(password), u.Salt, u.Iterations, len(u.Hash))
	if pad := work - u.Iterations; pad > 0 {
		pbkdf2SHA256([]byte(password), []byte("padding-salt"), pad, 32)
	}
	return u, subtle.ConstantTimeCompare(got, u.Hash) == 1
}

// AddUser appends a user called name with password to the users file at path (creating
// it), giving them the next free mailbox number, and returns that user.
func AddUser(path, name, password string, iterations int) (*User, error) {
	if !ValidName(name) {
		return nil, fmt.Errorf("invalid user name %q: use 1-64 of a-z 0-9 . _ -", name)
	}
	if password == "" {
		return nil, errors.New("empty password")
	}
	unlock, err := lockUsersFile(path)
	if err != nil {
		return nil, err
	}
	defer unlock()
	us, err := LoadUsers(path)
	if errors.Is(err, os.ErrNotExist) {
		us, err = &Users{byName: map[string]*User{}}, nil
	}
	if err != nil {
		return nil, err
	}
	if us.byName[name] != nil {
		return nil, fmt.Errorf("user %q already exists", name)
	}
	if us.next >= MaxUsers {
		return nil, errors.New("too many users")
	}
	u := &User{Name: name, ID: us.next, Iterations: iterations, Salt: make([]byte, 16)}
	if _, err := rand.Read(u.Salt); err != nil {
		return nil, err
	}
	u.Hash = pbkdf2SHA256([]byte(password), u.Salt, iterations, 32)
	us.byName[name] = u
	us.next = u.ID + 1
	return u, us.write(path)
}

// DelUser removes the user called name from the users file at path and returns them. Their
// mailbox number stays used: the file's next-id keeps it from any later user.
func DelUser(path, name string) (*User, error) {
	unlock, err := lockUsersFile(path)
	if err != nil {
		return nil, err
	}
	defer unlock()
	us, err := LoadUsers(path)
	if err != nil {
		return nil, err
	}
	u := us.byName[name]
	if u == nil {
		return nil, fmt.Errorf("no user %q in %s", name, path)
	}
	delete(us.byName, name)
	return u, us.write(path)
}

// write replaces the users file at path with us, in mailbox order, through a temporary file
// renamed over it, so that a crash leaves the old file or the new one.
func (us *Users) write(path string) error {
	list := us.List()
	var b strings.Builder
	fmt.Fprintf(&b, "# name id %s iterations salt hash; written by mailboat adduser/deluser\n%s %d\n",
		hashScheme, nextIDKey, us.next)
	for _, u := range list {
		fmt.Fprintf(&b, "%s %d %s %d %x %x\n", u.Name, u.ID, hashScheme, u.Iterations, u.Salt, u.Hash)
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(b.String())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// lockUsersFile takes an exclusive flock on path + ".lock", so that two adduser or deluser
// commands run one after the other instead of both rewriting the file from the same copy.
func lockUsersFile(path string) (func(), error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
