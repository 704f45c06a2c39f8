"""What the killed server's database must hold once the forms are answered
(test_killed_server.py). Each check returns its problems, in words, rather than stopping
at the first: a failure then shows everything that went wrong at once.

Every form is sent until it is answered, so each has its final answer. The answer a form
gets on success is the one its view gives: a journal post goes back to the journal with
"Posted."; a reply to its own page (/gatherings/reply/<secret>/); a payment back to the
request with "Payment recorded.", or, when another form paid it first, with the refusal.
"""

from decimal import Decimal

POSTED = "Posted."
PAID, NOT_PAYABLE = "Payment recorded.", "Only an approved, unpaid request can be paid."


def _by(rows, mark) -> dict[str, list[dict]]:
    found = {}
    for row in rows:
        found.setdefault(mark(row), []).append(row)
    return found


def posts_stored_once(forms, stored: dict, made: dict) -> list[str]:
    problems = []
    posts = _by(stored["posts"], lambda post: post["text"])
    sent = [f for f in forms if f.kind == "post"]
    for form in sent:
        answer, found = form.answer, posts.get(form.mark, [])
        if answer.status != 302 or answer.location != f"/journal/{made['partnership']}/":
            problems.append(f"post {form.mark!r} answered {answer}")
        elif not any(message.startswith(POSTED) for message in answer.messages):
            problems.append(f"post {form.mark!r} answered without 'Posted.': {answer}")
        if len(found) != 1:
            problems.append(f"post {form.mark!r} answered with success, stored {len(found)} times")
        elif stored["form_keys"].get(form.fields["key"]) != f"journal.post:{found[0]['id']}":
            problems.append(f"post {form.mark!r}: its form's key does not name it")
    for text, found in posts.items():
        if text not in {form.mark for form in sent}:
            problems.append(f"post {text!r} stored, never sent")
        problems += [f"post {text!r}: {p['audits']} audits" for p in found if p["audits"] != 1]
    return problems


def replies_stored_once(forms, stored: dict) -> list[str]:
    """Replies by signed-in parents (found by gathering and person) and guests (by their
    e-mail); and no gathering gives more places than it has, nor keeps anyone waiting for a
    place that is free."""
    problems = []
    replies = _by(
        stored["replies"],
        lambda r: r["email"] if r["user"] is None else f"{r['gathering']}:{r['user']}",
    )
    sent = [f for f in forms if f.kind in ("reply", "guest")]
    for form in sent:
        answer, found = form.answer, replies.get(form.mark, [])
        if answer.status != 302 or not answer.location.startswith("/gatherings/reply/"):
            problems.append(f"{form.kind} {form.mark} answered {answer}")
        if len(found) != 1:
            problems.append(f"{form.kind} {form.mark} answered, stored {len(found)} times")
            continue
        if answer.location != f"/gatherings/reply/{found[0]['secret']}/":
            problems.append(f"{form.kind} {form.mark} answered with another reply's link")
        record = f"gatherings.registration:{found[0]['id']}"
        if form.kind == "reply" and stored["form_keys"].get(form.fields["key"]) != record:
            problems.append(f"reply {form.mark}: its form's key does not name it")
    for mark, found in replies.items():
        if mark not in {form.mark for form in sent}:
            problems.append(f"reply {mark} stored, never sent")
        problems += [f"reply {mark}: {r['audits']} audits" for r in found if r["audits"] != 1]
    for gathering in stored["gatherings"]:
        free = gathering["capacity"] - gathering["taken"]
        if free < 0:
            problems.append(f"gathering {gathering['id']} gave {-free} places too many")
        waiting = [
            r
            for r in stored["replies"]
            if r["gathering"] == gathering["id"] and r["status"] == "waiting"
        ]
        if any(r["adults"] <= free for r in waiting):
            problems.append(f"gathering {gathering['id']} keeps people waiting, {free} places free")
    return problems


def payments_stored_once(forms, stored: dict) -> list[str]:
    """A payment answered as recorded is in the ledger under its form's key; one refused is
    not; each request paid by any form is paid exactly once, of its amount; the others are
    still waiting to be paid."""
    problems = []
    requests = {str(r["id"]): r for r in stored["requests"]}
    sent = [f for f in forms if f.kind == "payment"]
    for form in sent:
        answer = form.answer
        keys = [entry["key"] for entry in requests[form.mark]["entries"]]
        if answer.status != 302 or answer.location != f"/assistance/requests/{form.mark}/":
            problems.append(f"payment of {form.mark} answered {answer}")
        elif PAID in answer.messages:
            if keys != [form.fields["key"]]:
                problems.append(f"payment of {form.mark} answered as recorded; ledger: {keys}")
        elif NOT_PAYABLE in answer.messages:
            if form.fields["key"] in keys:
                problems.append(f"payment of {form.mark} refused, yet in the ledger")
        else:
            problems.append(f"payment of {form.mark} answered {answer.messages}")
    paid = {form.mark for form in sent}
    for request in stored["requests"]:
        entries, expected = request["entries"], int(str(request["id"]) in paid)
        if len(entries) != expected:
            problems.append(f"request {request['id']} paid {len(entries)} times, not {expected}")
        if request["status"] != ("paid" if expected else "approved"):
            problems.append(f"request {request['id']} is {request['status']}")
        for entry in entries:
            if entry["amount"] != request["amount"] or entry["audits"] != 1:
                problems.append(f"request {request['id']} of {request['amount']}: {entry}")
    return problems


def ledger_balanced(stored: dict) -> list[str]:
    """The fund's figures, as the program computes them (its balance, its line in the list
    of funds, the year's report) agree with the ledger and the requests."""
    fund, requests = stored["fund"], stored["requests"]
    ledger = sum((e["amount"] for r in requests for e in r["entries"]), Decimal(0))
    promised = sum((r["amount"] for r in requests if r["status"] == "approved"), Decimal(0))
    available = fund["balance"] - promised
    checks = {
        "the ledger is what the paid requests asked": ledger == fund["paid"],
        "the balance is the budget less the ledger": fund["balance"] == fund["budget"] - ledger,
        "the list of funds shows that balance": fund["listed_balance"] == fund["balance"],
        "the list of funds counts the ledger as spent": fund["listed_spent"] == ledger,
        "the year's report counts the ledger": fund["year_spent"] == ledger,
        "promised is what is approved and unpaid": fund["promised"] == promised,
        "available is the balance less the promised": fund["available"] == available,
        "the list of funds shows that available": fund["listed_available"] == available,
        "the fund is not below zero": fund["balance"] >= 0,
    }
    return [f"ledger: it is not so that {check}: {fund}" for check, ok in checks.items() if not ok]


def stored_before_answered(forms, stored: dict) -> list:
    """The forms whose record was made by a sending before the one answered: one whose
    answer the kill cut off. Their resending must have found it rather than make another."""
    made_at = {}
    for post in stored["posts"]:
        made_at[post["text"]] = post["made_at"]
    for reply in stored["replies"]:
        mark = reply["email"] if reply["user"] is None else f"{reply['gathering']}:{reply['user']}"
        made_at[mark] = reply["made_at"]
    for request in stored["requests"]:
        for entry in request["entries"]:
            made_at[entry["key"]] = entry["made_at"]
    return [
        form
        for form in forms
        if form.answer is not None
        and made_at.get(form.fields["key"] if form.kind == "payment" else form.mark, float("inf"))
        < form.answered_sending
    ]
