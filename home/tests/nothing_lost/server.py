"""The killed server's side of test_killed_server.py: gunicorn started as production starts
it, in a process group of its own so that one signal kills the master and its workers, and
forms sent to it over HTTP the way a browser sends them."""

import http.client
import os
import signal
import socket
import subprocess  # nosec B404: gunicorn, this interpreter, arguments we write
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage, MessageSerializer
from django.core import signing

HOST = "127.0.0.1"
#: What a client takes for "no answer": the connection refused, reset or closed before the
#: answer's first line, or nothing for this long.
NO_ANSWER = (OSError, http.client.HTTPException)
ANSWER_SECONDS = 60
#: A fixed token: the CSRF check compares the cookie with the header, whatever they hold.
CSRF = "nothinglostnothinglostnothinglo1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    location: str
    messages: list[str] = field(default_factory=list)


def post(port: int, path: str, fields: dict, session: str = "") -> Answer:
    """One form sent on a new connection, as a browser does after the page's own form;
    raises one of NO_ANSWER when the server gave none."""
    cookies = f"csrftoken={CSRF}"
    if session:
        cookies += f"; {settings.SESSION_COOKIE_NAME}={session}"
    connection = http.client.HTTPConnection(HOST, port, timeout=ANSWER_SECONDS)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode(fields, doseq=True),
            headers={
                "Host": HOST,
                "Cookie": cookies,
                "X-CSRFToken": CSRF,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return Answer(
        status=response.status,
        location=response.getheader("Location", ""),
        messages=_messages(response.headers.get_all("Set-Cookie") or []),
    )


def get(port: int, path: str, session: str = "") -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=ANSWER_SECONDS)
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}" if session else ""
    try:
        connection.request("GET", path, headers={"Host": HOST, "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _messages(set_cookies: list[str]) -> list[str]:
    """The messages the answer carries for the next page ("Posted.", "Payment recorded."),
    read from the cookie Django keeps them in, signed with the server's key (the test's)."""
    jar = SimpleCookie()
    for header in set_cookies:
        jar.load(header)
    morsel = jar.get(CookieStorage.cookie_name)
    if morsel is None or not morsel.value:
        return []
    signer = signing.get_cookie_signer(salt=CookieStorage.key_salt)
    try:
        stored = signer.unsign_object(morsel.value, serializer=MessageSerializer)
    except signing.BadSignature:
        return ["(unreadable messages cookie)"]
    return [str(message.message) for message in stored or []]


class Server:
    """gunicorn serving village.wsgi with two sync workers, as production runs it."""

    def __init__(self, *, root: Path, env: dict, log: Path):
        self.root, self.env, self.log = root, env, log
        self.port = free_port()
        self.process = None
        self.starts = 0

    def start(self, *, within: float = 90) -> float:
        """Start it and wait until it answers; returns the seconds that took."""
        began = time.monotonic()
        with self.log.open("a") as log:
            self.process = subprocess.Popen(  # nosec B603: a fixed command line
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "village.wsgi",
                    f"--bind={HOST}:{self.port}",
                    "--workers=2",
                    # The program is imported once, by the master, and each worker forked
                    # from it: a restart after a kill takes one import, not one a worker.
                    "--preload",
                    "--timeout=60",
                    "--log-level=warning",
                ],
                cwd=self.root,
                env=self.env,
                stdout=log,
                stderr=log,
                # A group of its own: os.killpg reaches the master and every worker at once.
                start_new_session=True,
            )
        self.starts += 1
        while time.monotonic() - began < within:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.log_tail()}")
            try:
                if get(self.port, "/") < 500:
                    return time.monotonic() - began
            except NO_ANSWER:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {within} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL to the master and its workers: nothing of theirs runs one more line."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def workers(self) -> list[int]:
        master = str(self.process.pid)
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # The parent's id is the fourth field, after the name in parentheses.
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == master and fields[0] != "Z":
                found.append(int(stat.parent.name))
        return found

    def kill_worker(self, choose) -> bool:
        """SIGKILL to one worker, in the middle of whatever it serves; the master starts
        another. False when none was running (the master was starting one)."""
        workers = self.workers()
        if not workers:
            return False
        try:
            os.kill(choose(sorted(workers)), signal.SIGKILL)
        except ProcessLookupError:
            return False
        return True

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
