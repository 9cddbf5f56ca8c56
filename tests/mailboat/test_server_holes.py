"""Regression tests of issue 15's holes in `mailboat serve`, with smtplib and poplib on loopback.

The other holes (limits, deadlines, full disk, memory) are tested in Go through raw
sockets: mailboat/server/regress_test.go.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.mailboat.test_e2e import TIMEOUT, Server, binary  # noqa: F401  (binary: a fixture)


def adduser(binary: Path, users: Path, name: str, password: str) -> str:  # noqa: F811
    res = subprocess.run(
        [str(binary), "adduser", "-users", str(users), "-iterations", "1000", name],
        input=password + "\n", text=True, check=True, timeout=TIMEOUT, capture_output=True,
    )
    return res.stdout


def deluser(binary: Path, users: Path, root: Path, name: str) -> subprocess.CompletedProcess[str]:  # noqa: F811
    return subprocess.run(
        [str(binary), "deluser", "-users", str(users), "-root", str(root), name],
        text=True, timeout=TIMEOUT, capture_output=True,
    )


def mailbox_number(users: Path, name: str) -> int:
    for line in users.read_text().splitlines():
        fields = line.split()
        if fields and fields[0] == name and len(fields) == 6:
            return int(fields[1])
    raise AssertionError(f"{name} not in {users}")


def test_new_user_never_inherits_a_removed_users_mail(binary: Path, tmp_path: Path) -> None:  # noqa: F811
    users, root = tmp_path / "users", tmp_path / "mail"
    for name in ("alice", "bob"):
        adduser(binary, users, name, name + "-pw")
    srv = Server(binary, users, root)
    try:
        with srv.smtp() as s:
            s.sendmail("a@b", ["bob"], b"Subject: for bob only\r\n\r\nsecret\r\n")
    finally:
        assert srv.stop() == 0
    bob = mailbox_number(users, "bob")
    res = deluser(binary, users, root, "bob")
    assert res.returncode == 0, res.stderr
    adduser(binary, users, "mallory", "m-pw")
    assert mailbox_number(users, "mallory") != bob
    archived = list((root / "deleted").iterdir())
    assert len(archived) == 1 and len(list(archived[0].iterdir())) == 1  # bob's letter, kept
    srv = Server(binary, users, root)
    try:
        p = srv.pop3("mallory", "m-pw")
        assert p.stat() == (0, 0)
        p.quit()
        # deluser refuses while a server holds the mail root.
        res = deluser(binary, users, root, "alice")
        assert res.returncode != 0 and "stop the server first" in res.stderr
    finally:
        assert srv.stop() == 0


def test_hand_edited_users_file_cannot_hand_out_a_mailbox(binary: Path, tmp_path: Path) -> None:  # noqa: F811
    users, root = tmp_path / "users", tmp_path / "mail"
    for name in ("alice", "bob"):
        adduser(binary, users, name, name + "-pw")
    srv = Server(binary, users, root)
    try:
        with srv.smtp() as s:
            s.sendmail("a@b", ["bob"], b"Subject: for bob only\r\n\r\nsecret\r\n")
    finally:
        assert srv.stop() == 0
    bob = mailbox_number(users, "bob")
    # Removing bob's line keeps his number used: next-id stays.
    users.write_text("".join(ln + "\n" for ln in users.read_text().splitlines() if not ln.startswith("bob ")))
    adduser(binary, users, "mallory", "m-pw")
    assert mailbox_number(users, "mallory") != bob
    # Even a file rewritten to give bob's number away is refused at start.
    lines = [ln for ln in users.read_text().splitlines() if not ln.startswith(("mallory ", "next-id"))]
    adduser_out = tmp_path / "other"
    adduser(binary, adduser_out, "eve", "e-pw")
    eve = next(ln for ln in adduser_out.read_text().splitlines() if ln.startswith("eve "))
    fields = eve.split()
    fields[1] = str(bob)
    users.write_text("\n".join([*lines, " ".join(fields)]) + "\n")
    res = subprocess.run(
        [str(binary), "serve", "-root", str(root), "-users", str(users),
         "-smtp", "127.0.0.1:0", "-pop3", "127.0.0.1:0"],
        capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert res.returncode != 0 and "belongs to bob" in res.stderr


@pytest.fixture
def two_users(binary: Path, tmp_path: Path):  # noqa: F811
    users = tmp_path / "users"
    adduser(binary, users, "alice", "alice-pw")
    adduser(binary, users, "bob", "bob-pw")
    srv = Server(binary, users, tmp_path / "mail")
    yield srv
    assert srv.stop() == 0


def test_smuggled_message_is_not_delivered(two_users: Server) -> None:
    with two_users.smtp() as s:
        s.ehlo("client.example")
        assert s.docmd("MAIL", "FROM:<a@example.org>")[0] == 250
        assert s.docmd("RCPT", "TO:<alice>")[0] == 250
        assert s.docmd("DATA")[0] == 354
        s.send(b"Subject: hi\r\n\r\nhello\n.\nMAIL FROM:<ceo@bank.example>\r\nRCPT TO:<bob>\r\n"
               b"DATA\r\nSubject: forged\r\n\r\npay now\r\n.\r\n")
        code, _ = s.getreply()
        assert code == 554
        assert s.noop()[0] == 250
    for user in ("alice", "bob"):
        p = two_users.pop3(user, user + "-pw")
        assert p.stat() == (0, 0), f"{user} got a message"
        p.quit()


def test_pop3_lists_in_arrival_order_and_user_is_case_insensitive(two_users: Server) -> None:
    with two_users.smtp() as s:
        for i in range(10):
            s.sendmail("a@b", ["Alice@LocalHost"], f"Subject: number {i}\r\n\r\nbody\r\n".encode())
    p = two_users.pop3("Alice", "alice-pw")
    count, _ = p.stat()
    subjects = [next(ln for ln in p.top(i, 0)[1] if ln.startswith(b"Subject:")) for i in range(1, count + 1)]
    assert subjects == [f"Subject: number {i}".encode() for i in range(10)]
    p.quit()
