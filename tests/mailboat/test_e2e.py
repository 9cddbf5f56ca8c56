"""End-to-end tests of `mailboat serve` with Python's smtplib and poplib on loopback.

The fixture builds the Go command with `go build` (GOTOOLCHAIN=local, GOPROXY=off); if Go is
missing the tests fail rather than skip. Every network call has a timeout.
"""

from __future__ import annotations

import os
import poplib
import re
import selectors
import shutil
import signal
import smtplib
import socket
import subprocess
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 10
GO_ENV = {**os.environ, "GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod"}
USERS = {"alice": "alice-pw", "bob": "bob-pw"}


@pytest.fixture(scope="module")
def binary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    go = shutil.which("go")
    if go is None:
        pytest.fail("the Go toolchain (go) is needed to build mailboat and is not on PATH")
    out = tmp_path_factory.mktemp("bin") / "mailboat"
    subprocess.run(
        [go, "build", "-o", str(out), "./mailboat/cmd/mailboat"],
        cwd=REPO, env=GO_ENV, check=True, timeout=300,
    )
    return out


@pytest.fixture(scope="module")
def users_file(binary: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("etc") / "users"
    for name, password in USERS.items():
        subprocess.run(
            [str(binary), "adduser", "-users", str(path), "-iterations", "1000", name],
            input=password + "\n", text=True, check=True, timeout=TIMEOUT, capture_output=True,
        )
    return path


class Server:
    """A running `mailboat serve` and the ports it reported."""

    def __init__(self, binary: Path, users: Path, root: Path, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [str(binary), "serve", "-root", str(root), "-users", str(users),
             "-smtp", "127.0.0.1:0", "-pop3", "127.0.0.1:0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        line = self._first_line()
        m = re.search(r"smtp=127\.0\.0\.1:(\d+) pop3=127\.0\.0\.1:(\d+)", line)
        if not m:
            self.stop()
            raise AssertionError(f"unexpected first line from mailboat serve: {line!r}")
        self.smtp_port, self.pop3_port = int(m.group(1)), int(m.group(2))

    def _first_line(self) -> str:
        assert self.proc.stdout is not None
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout=20):
            self.stop()
            raise AssertionError("mailboat serve did not report its ports within 20 s")
        return self.proc.stdout.readline()

    def smtp(self) -> smtplib.SMTP:
        return smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=TIMEOUT)

    def pop3(self, user: str | None = None, password: str | None = None) -> poplib.POP3:
        p = poplib.POP3("127.0.0.1", self.pop3_port, timeout=TIMEOUT)
        if user is not None:
            p.user(user)
            p.pass_(password if password is not None else USERS[user])
        return p

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
            raise AssertionError("mailboat serve did not stop on SIGTERM") from None


@pytest.fixture
def server(binary: Path, users_file: Path, tmp_path: Path):
    srv = Server(binary, users_file, tmp_path / "mail", "-durable", "--recover")
    yield srv
    assert srv.stop() == 0, srv.proc.stderr.read() if srv.proc.stderr else ""


def message(subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "sender@example.org"
    msg["To"] = "alice@localhost"
    msg["Subject"] = subject
    msg.set_content(body)
    return msg


def retrieve_all(p: poplib.POP3) -> list[bytes]:
    count, _ = p.stat()
    return [b"\r\n".join(p.retr(i)[1]) for i in range(1, count + 1)]


def test_send_list_retrieve_delete_quit_reconnect(server: Server) -> None:
    with server.smtp() as s:
        s.send_message(message("first", "hello alice\n.a line with a leading dot\n"))
        s.send_message(message("second", "again\n"))
    p = server.pop3("alice")
    assert p.stat()[0] == 2
    resp, listing, _ = p.list()
    assert resp.startswith(b"+OK") and [int(x.split()[0]) for x in listing] == [1, 2]
    uids = [x.split()[1] for x in p.uidl()[1]]
    assert len(set(uids)) == 2
    bodies = retrieve_all(p)
    first = next(i for i, b in enumerate(bodies, 1) if b"Subject: first" in b)
    assert b"\r\n.a line with a leading dot" in bodies[first - 1]
    assert b"Received: from" in bodies[first - 1]
    p.dele(first)
    assert p.stat()[0] == 1  # marked, not yet removed
    assert p.quit().startswith(b"+OK")
    p = server.pop3("alice")
    assert p.stat()[0] == 1
    assert b"Subject: second" in retrieve_all(p)[0]
    assert [x.split()[1] for x in p.uidl()[1]] == [u for i, u in enumerate(uids, 1) if i != first]
    p.quit()


def test_rset_and_dropped_session_keep_mail(server: Server) -> None:
    with server.smtp() as s:
        s.sendmail("a@b", ["bob@localhost"], b"Subject: keep\r\n\r\nkeep me\r\n")
    p = server.pop3("bob")
    p.dele(1)
    p.rset()
    p.quit()
    p = server.pop3("bob")
    p.dele(1)
    p.close()  # no QUIT: no UPDATE state, nothing deleted
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            p = server.pop3("bob")
            break
        except poplib.error_proto:
            assert time.monotonic() < deadline, "maildrop stayed locked after a dropped session"
            time.sleep(0.05)
    assert p.stat()[0] == 1
    p.quit()


def test_multiple_recipients_and_unknown_recipient(server: Server) -> None:
    with server.smtp() as s:
        refused = s.sendmail("a@b", ["alice@localhost", "nobody@localhost", "bob"], b"to two\r\n")
        assert set(refused) == {"nobody@localhost"} and refused["nobody@localhost"][0] == 550
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            s.sendmail("a@b", ["nobody@localhost", "alice@elsewhere.org"], b"x\r\n")
    for user in ("alice", "bob"):
        p = server.pop3(user)
        assert [b.endswith(b"to two") for b in retrieve_all(p)] == [True]
        p.quit()


def test_extensions_and_limits(server: Server) -> None:
    with server.smtp() as s:
        code, _ = s.ehlo("client.example")
        assert code == 250
        assert s.has_extn("size") and s.has_extn("8bitmime") and s.has_extn("pipelining")
        big = b"x" * 100 + b"\r\n"
        s.sendmail("a@b", ["alice"], b"Subject: big\r\n\r\n" + big * 1000)
        with pytest.raises(smtplib.SMTPSenderRefused):
            s.sendmail("a@b", ["alice"], b"y", mail_options=["SIZE=999999999999"])
    p = server.pop3("alice")
    (body,) = retrieve_all(p)
    assert body.count(b"x" * 100) == 1000
    p.quit()


def test_eight_bit_message_round_trips(server: Server) -> None:
    payload = "Grüße, ünïcødé ✓\r\n".encode()
    with server.smtp() as s:
        s.sendmail("a@b", ["bob"], b"Subject: 8bit\r\n\r\n" + payload, mail_options=["BODY=8BITMIME"])
    p = server.pop3("bob")
    (body,) = retrieve_all(p)
    assert body.endswith(payload.rstrip(b"\r\n"))
    p.quit()


def test_wrong_password_and_locked_maildrop(server: Server) -> None:
    with pytest.raises(poplib.error_proto, match="invalid"):
        server.pop3("alice", "not-the-password")
    first = server.pop3("alice")
    start = time.monotonic()
    with pytest.raises(poplib.error_proto, match=r"IN-USE"):
        server.pop3("alice")
    assert time.monotonic() - start < 2, "a second login waited instead of failing at once"
    first.quit()
    server.pop3("alice").quit()


def test_users_cannot_reach_each_other(server: Server) -> None:
    with server.smtp() as s:
        s.sendmail("a@b", ["alice"], b"Subject: private\r\n\r\nfor alice\r\n")
    p = server.pop3("bob")
    assert p.stat() == (0, 0)
    for cmd in ("RETR 1", "DELE 1", "TOP 1 0"):
        with pytest.raises(poplib.error_proto):
            p._shortcmd(cmd)
    p.quit()
    p = server.pop3()
    with pytest.raises(poplib.error_proto):
        p.user("../user0")
    p.quit()
    p = server.pop3("alice")
    assert p.stat()[0] == 1
    p.quit()


def test_garbage_and_abrupt_disconnects_do_not_hurt(server: Server) -> None:
    for port in (server.smtp_port, server.pop3_port):
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as raw:
            raw.recv(512)
            raw.sendall(bytes(range(256)) * 64)
    with socket.create_connection(("127.0.0.1", server.smtp_port), timeout=TIMEOUT) as raw:
        raw.recv(512)
        raw.sendall(b"EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<alice>\r\nDATA\r\nhalf a mess")
        time.sleep(0.2)
    with server.smtp() as s:
        s.sendmail("a@b", ["alice"], b"Subject: after\r\n\r\nstill up\r\n")
    p = server.pop3("alice")
    bodies = retrieve_all(p)
    assert len(bodies) == 1 and b"still up" in bodies[0]
    p.quit()


def test_mail_survives_restart(binary: Path, users_file: Path, tmp_path: Path) -> None:
    root = tmp_path / "mail"
    srv = Server(binary, users_file, root, "-durable")
    with srv.smtp() as s:
        s.sendmail("a@b", ["bob"], b"Subject: durable\r\n\r\nkept\r\n")
    assert srv.stop() == 0
    srv = Server(binary, users_file, root, "--recover")
    try:
        p = srv.pop3("bob")
        (body,) = retrieve_all(p)
        assert b"kept" in body
        p.quit()
    finally:
        assert srv.stop() == 0


def test_serve_refuses_non_loopback(binary: Path, users_file: Path, tmp_path: Path) -> None:
    res = subprocess.run(
        [str(binary), "serve", "-root", str(tmp_path), "-users", str(users_file),
         "-smtp", "0.0.0.0:0", "-pop3", "127.0.0.1:0"],
        capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert res.returncode != 0 and "not a loopback address" in res.stderr


def test_second_server_on_same_root_is_refused(server: Server, binary: Path, users_file: Path,
                                               tmp_path: Path) -> None:
    res = subprocess.run(
        [str(binary), "serve", "-root", str(tmp_path / "mail"), "-users", str(users_file),
         "-smtp", "127.0.0.1:0", "-pop3", "127.0.0.1:0"],
        capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert res.returncode != 0 and "in use by another mailboat server" in res.stderr
