package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"armada/mailboat"
	"armada/mailboat/server"
)

// The file <root>/owners records, a line "N name" per mailbox, whom each mailbox number was
// given to, and "N -" once that user is removed. serve refuses to start when the users file
// gives a mailbox to anyone else: a mailbox that belonged to another user (whose mail may
// still be in it) is never handed out, even if the users file was edited by hand.
const ownersFile = "owners"

// retired is the owner of a mailbox whose user was removed.
const retired = "-"

func readOwners(root string) (map[uint64]string, error) {
	owners := map[uint64]string{}
	f, err := os.Open(filepath.Join(root, ownersFile))
	if errors.Is(err, os.ErrNotExist) {
		return owners, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		id, name, ok := strings.Cut(sc.Text(), " ")
		n, err := strconv.ParseUint(id, 10, 64)
		if !ok || err != nil || (name != retired && !server.ValidName(name)) {
			return nil, fmt.Errorf("%s:%d: want \"mailbox-number name\"", filepath.Join(root, ownersFile), line)
		}
		owners[n] = name
	}
	return owners, sc.Err()
}

func writeOwners(root string, owners map[uint64]string) error {
	ids := make([]uint64, 0, len(owners))
	for id := range owners {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "%d %s\n", id, owners[id])
	}
	path := filepath.Join(root, ownersFile)
	if err := os.WriteFile(path+".tmp", []byte(b.String()), 0o600); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}

// claimMailboxes checks every user's mailbox against the owners file, recording the owners
// of mailboxes given out for the first time.
func claimMailboxes(root string, us *server.Users) error {
	owners, err := readOwners(root)
	if err != nil {
		return err
	}
	changed := false
	for _, u := range us.List() {
		switch owner, ok := owners[u.ID]; {
		case !ok:
			owners[u.ID], changed = u.Name, true
		case owner == retired:
			return fmt.Errorf("the users file gives %s mailbox %d, whose user was removed: "+
				"mailbox numbers are never reused (mailboat deluser %s, then adduser)", u.Name, u.ID, u.Name)
		case owner != u.Name:
			return fmt.Errorf("the users file gives %s mailbox %d, which belongs to %s (%s): "+
				"remove %s and add them again to get a new mailbox", u.Name, u.ID, owner,
				filepath.Join(root, ownersFile), u.Name)
		}
	}
	if changed {
		return writeOwners(root, owners)
	}
	return nil
}

// archiveMailbox moves the mailbox directory of a removed user to <root>/deleted/ and
// marks its number retired in the owners file.
func archiveMailbox(root string, u *server.User) (string, error) {
	owners, err := readOwners(root)
	if err != nil {
		return "", err
	}
	dest := ""
	src := filepath.Join(root, mailboat.UserDir(u.ID))
	if _, err := os.Stat(src); err == nil {
		if err := os.MkdirAll(filepath.Join(root, "deleted"), 0o700); err != nil {
			return "", err
		}
		dest = filepath.Join(root, "deleted", fmt.Sprintf("%s-%s-%d", mailboat.UserDir(u.ID), u.Name, time.Now().Unix()))
		if err := os.Rename(src, dest); err != nil {
			return "", err
		}
	}
	owners[u.ID] = retired
	return dest, writeOwners(root, owners)
}
