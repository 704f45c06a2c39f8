"""Nothing lost: the real server is killed while forms are sent, and nothing answered is lost
or doubled.

gunicorn serves the program under its production settings, from a database of the test's
own. Clients send journal posts, replies to gatherings (signed-in parents' and guests') and
payments, as browsers do: a form that got no answer is sent again as it was, its one-time
key and all; some are sent twice at once (a double tap), and some requests are paid from
two forms at once (two people at finance). Meanwhile the test kills the server with
SIGKILL at seeded random moments: the master and its workers together, or one worker in
the middle of a request. It starts the server again and the clients go on.

Then every form answered with success must be stored exactly once, none twice, with its
audit entry; no gathering may give more places than it has; and the ledger must balance
(home/tests/nothing_lost/checks.py)."""

import os
import random
import secrets
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.once import new_key
from core.visitor_forms import new_started
from home.tests.nothing_lost import checks, world
from home.tests.nothing_lost.server import NO_ANSWER, Answer, Server, get, post

pytestmark = pytest.mark.crash

#: The seed of every choice: which forms, which are doubled, when and what is killed.
SEED = int(os.environ.get("VILLAGE_CRASH_SEED", "1729"))
#: The kills, in an order shuffled by the seed: the whole server (master and workers), or
#: one worker in the middle of its request (the master starts another). Starting the whole
#: again is most of the test's time. Each comes after the server served for a while
#: (seconds, at random between these).
KILLS = ["the whole server"] * 3 + ["one worker"] * 6
SERVED = (0.5, 2.0)
DOUBLE_TAP, RIVAL_PAYMENT = 0.2, 0.15
PAYMENTS, SMALL_GATHERINGS = 150, 12
#: A form that still has no answer after this long fails the test.
PATIENCE = 90


@dataclass
class Form:
    """One form, sent until it is answered, as a person presses Send again."""

    kind: str  # post, reply (a signed-in parent's), guest, payment
    path: str
    fields: dict
    session: str
    #: What finds its record: the post's text, the guest's e-mail, the reply's gathering
    #: and person, the request paid.
    mark: str
    sent: int = 0
    #: Sendings the server never took (it was down), and sendings cut off unanswered (it
    #: was killed while it read or served them: stored or not, nobody can tell).
    refused: int = 0
    unanswered: int = 0
    errors: list[int] = field(default_factory=list)
    answer: Answer | None = None
    #: When the sending that was answered began (seconds since the epoch).
    answered_sending: float = 0.0

    def again(self) -> "Form":
        """The same form sent a second time: a double tap."""
        return Form(self.kind, self.path, self.fields, self.session, self.mark)

    def send(self, port: int) -> None:
        give_up = time.monotonic() + PATIENCE
        while time.monotonic() < give_up:
            self.sent += 1
            began = time.time()
            try:
                answer = post(port, self.path, self.fields, self.session)
            except ConnectionRefusedError:
                self.refused += 1
                time.sleep(0.25)
                continue
            except NO_ANSWER:
                self.unanswered += 1
                time.sleep(0.1)
                continue
            if answer.status >= 500:
                # Failed below; a person would press again, so the client does too.
                self.errors.append(answer.status)
                time.sleep(0.1)
                continue
            self.answer, self.answered_sending = answer, began
            return


def together(port: int, forms: list[Form]) -> None:
    """Send the forms at the same moment, each on its own connection."""
    others = [threading.Thread(target=form.send, args=(port,)) for form in forms[1:]]
    for thread in others:
        thread.start()
    forms[0].send(port)
    for thread in others:
        thread.join()


def production_env(database_url: str, tmp_path: Path) -> dict:
    inherited = dict(os.environ)
    # The server imports the program again after every kill: compiled once, not each time.
    inherited.pop("PYTHONDONTWRITEBYTECODE", None)
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "home.tests.nothing_lost.settings",
        "DJANGO_DEBUG": "false",
        # The test's own key: it signs the guests' forms and reads the answers' messages.
        "SECRET_KEY": settings.SECRET_KEY,
        "VILLAGE_HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "localhost",
        "DATABASE_URL": database_url,
        "VILLAGE_MEDIA_ROOT": str(tmp_path / "media"),
        # Every guest replies from this machine's address, far more often than people do.
        "VILLAGE_PUBLIC_POSTS_PER_HOUR": "100000",
        "VILLAGE_INTAKE_PER_HOUR": "100000",
        "VILLAGE_INTAKE_MINIMUM_SECONDS": "0",
        "VILLAGE_LOG_LEVEL": "WARNING",
    }


class Clients:
    """The people sending forms, each on a thread of its own, until told to stop."""

    def __init__(self, made: dict, port: int, run: str):
        self.made, self.port, self.run = made, port, run
        self.forms: list[Form] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.unpaid = deque(made["requests"])
        self.failures: list[BaseException] = []
        self.today = timezone.localdate().isoformat()

    def send(self, form: Form, rng: random.Random, *rivals: Form) -> None:
        """The form, now and then tapped twice, and any rivals, all at once."""
        forms = [form, *([form.again()] if rng.random() < DOUBLE_TAP else []), *rivals]
        with self.lock:
            self.forms.extend(forms)
        together(self.port, forms)

    def parent(self, who: str) -> None:
        """A parent posting in the journal and, between posts, replying to gatherings."""
        rng = random.Random(f"{SEED}-{who}")
        session = self.made["sessions"][who][0]
        children = self.made["children"]
        gatherings = list(self.made["small_gatherings"])
        rng.shuffle(gatherings)
        n = 0
        while not self.stop.is_set():
            n += 1
            if gatherings and rng.random() < 0.3:
                gathering = gatherings.pop()
                form = Form(
                    "reply",
                    f"/gatherings/{gathering}/reply/",
                    {"adults": 1, "dietary": "", "interpretation": "", "key": new_key()},
                    session,
                    mark=f"{gathering}:{self.made['users'][who]}",
                )
            else:
                text = f"{self.run} {who} {n}: we made cards and planted beans."
                form = Form(
                    "post",
                    f"/journal/{self.made['partnership']}/new/",
                    {
                        "text": text,
                        "children": rng.sample(children, rng.randint(0, len(children))),
                        "description": "",
                        "key": new_key(),
                    },
                    session,
                    mark=text,
                )
            self.send(form, rng)

    def guest(self) -> None:
        """Visitors replying to the open gathering, signed in as nobody."""
        rng = random.Random(f"{SEED}-guest")
        n = 0
        while not self.stop.is_set():
            n += 1
            email = f"guest-{n}-{self.run}@example.net"
            fields = {
                "name": f"Guest {n}",
                "email": email,
                "phone": "",
                "adults": rng.choice([1, 1, 2]),
                "dietary": "",
                "interpretation": "",
                "website": "",
                # The signed stamp a shown form carries, with its one-time nonce.
                "started": new_started(),
            }
            path = f"/gatherings/{self.made['open_gathering']}/reply/"
            self.send(Form("guest", path, fields, "", mark=email), rng)

    def finance(self, number: int) -> None:
        """Finance paying the approved requests; now and then a colleague pays the same
        one from another form at the same moment."""
        rng = random.Random(f"{SEED}-finance-{number}")
        sessions = self.made["sessions"]["finance"]
        while not self.stop.is_set():
            with self.lock:
                if not self.unpaid:
                    return
                request = self.unpaid.popleft()

            def payment(session, request=request):
                fields = {
                    "method": "check",
                    "number": str(rng.randint(1000, 9999)),
                    "paid_on": self.today,
                    "key": new_key(),
                }
                path = f"/assistance/requests/{request}/pay/"
                return Form("payment", path, fields, session, mark=str(request))

            rivals = [payment(sessions[1 - number])] if rng.random() < RIVAL_PAYMENT else []
            self.send(payment(sessions[number]), rng, *rivals)

    def start(self) -> list[threading.Thread]:
        def guarded(target, *args):
            def run():
                try:
                    target(*args)
                except BaseException as failure:  # reported by the test, not lost in a thread
                    self.failures.append(failure)

            return threading.Thread(target=run)

        threads = [
            guarded(self.parent, "birth_parent"),
            guarded(self.parent, "partner_parent"),
            guarded(self.guest),
            guarded(self.finance, 0),
            guarded(self.finance, 1),
        ]
        for thread in threads:
            thread.start()
        return threads


def kill_while_sending(server: Server, clients: Clients) -> tuple[Counter, list[float]]:
    """Kill the server as KILLS says while the clients send, starting it again after each
    kill of the whole; then let the clients finish the forms they are sending."""
    rng = random.Random(f"{SEED}-kills")
    kills, restarts = Counter(), []
    for kill in rng.sample(KILLS, len(KILLS)):
        time.sleep(rng.uniform(*SERVED))
        if kill == "one worker" and server.kill_worker(rng.choice):
            kills[kill] += 1
            continue
        server.kill()
        kills["the whole server"] += 1
        restarts.append(server.start())
    time.sleep(SERVED[1])
    clients.stop.set()
    return kills, restarts


def test_forms_answered_while_the_server_is_killed_are_stored_once_and_the_ledger_balances(
    own_database, tmp_path
):
    began = time.monotonic()
    run = secrets.token_hex(3)
    with world.in_database(own_database.name):
        made = world.make(
            run,
            payments=PAYMENTS,
            gatherings=SMALL_GATHERINGS,
            sessions={"birth_parent": 1, "partner_parent": 1, "finance": 2},
        )
    server = Server(
        root=Path(settings.BASE_DIR),
        env=production_env(own_database.url, tmp_path),
        log=tmp_path / "gunicorn.log",
    )
    first_start = server.start()
    clients = Clients(made, server.port, run)
    try:
        threads = clients.start()
        kills, restarts = kill_while_sending(server, clients)
        for thread in threads:
            thread.join(timeout=PATIENCE + 30)
        # Started again, it still shows the journal, posts and all.
        feed = get(
            server.port, f"/journal/{made['partnership']}/", made["sessions"]["birth_parent"][0]
        )
    finally:
        server.kill()
    with world.in_database(own_database.name):
        stored = world.stored(made)
    forms = clients.forms
    print(
        f"\n{connection.vendor}: {len(forms)} forms {dict(Counter(f.kind for f in forms))} "
        f"sent {sum(f.sent - f.refused for f in forms)} times, "
        f"{sum(f.unanswered for f in forms)} of them cut off unanswered "
        f"({sum(f.refused for f in forms)} refused while down); kills {dict(kills)}; "
        f"started in {first_start:.1f} s, again in "
        f"{', '.join(f'{s:.1f}' for s in restarts)} s; {time.monotonic() - began:.1f} s in all; "
        f"{len(checks.stored_before_answered(forms, stored))} stored by a sending cut off, "
        "then answered when sent again"
    )

    assert not clients.failures, clients.failures
    assert sum(kills.values()) == len(KILLS)
    assert feed == 200
    assert [f.mark for f in forms if f.answer is None] == [], "forms never answered"
    assert [(f.kind, f.errors) for f in forms if f.errors] == [], server.log_tail()
    # Kills that missed every request would prove nothing.
    assert sum(f.unanswered for f in forms) >= len(KILLS) // 2
    problems = (
        checks.posts_stored_once(forms, stored, made)
        + checks.replies_stored_once(forms, stored)
        + checks.payments_stored_once(forms, stored)
        + checks.ledger_balanced(stored)
    )
    assert problems == []
